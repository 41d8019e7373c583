"""Homepage's ``{{HOMEPAGE_VAR_X}}`` / ``{{HOMEPAGE_FILE_X}}`` placeholders, resolved as it does.

Homepage replaces them in the raw text *before* parsing YAML (so an unquoted placeholder works),
``VAR`` with the environment variable of that name and ``FILE`` with the contents of the file the
variable names. Here a missing variable (or unreadable file) does not fail the import: it becomes
a marker that survives parsing, and the service holding it is reported and imported without that
value. A trailing newline of a secret file is stripped (Homepage would keep it, and break the key).

Every value substituted is returned so the caller can keep it out of anything it prints.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = re.compile(r"\{\{\s*(HOMEPAGE_(?:VAR|FILE)_[A-Za-z0-9_]+)\s*\}\}")
MARKER = re.compile(r"__LAUNCHER_TUI_MISSING_(HOMEPAGE_[A-Za-z0-9_]+)__")


@dataclass
class Substituted:
    text: str
    values: set[str] = field(default_factory=set)  # clear values put in (never print them)
    problems: dict[str, str] = field(default_factory=dict)  # placeholder name -> why missing


def _marker(name: str) -> str:
    return f"__LAUNCHER_TUI_MISSING_{name}__"


def substitute(text: str, env: Mapping[str, str] | None = None) -> Substituted:
    """``text`` with every placeholder replaced by its value (or a missing-value marker)."""
    environ = os.environ if env is None else env
    result = Substituted(text)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        value = environ.get(name)
        if value is None:
            result.problems[name] = f"{name} is not set"
            return _marker(name)
        if name.startswith("HOMEPAGE_FILE_"):
            try:
                value = Path(value).read_text(encoding="utf-8").rstrip("\r\n")
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                result.problems[name] = f"{name}: cannot read {value}: {reason}"
                return _marker(name)
        if "\n" in value:  # a multi-line value would break the YAML around it
            result.problems[name] = f"{name} holds several lines"
            return _marker(name)
        result.values.add(value)
        return value

    result.text = PLACEHOLDER.sub(replace, text)
    return result


def missing_in(value: object) -> list[str]:
    """Names of the unresolved placeholders anywhere in a parsed value."""
    found: list[str] = []
    if isinstance(value, str):
        found += MARKER.findall(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            found += missing_in(key) + missing_in(item)
    elif isinstance(value, list):
        for item in value:
            found += missing_in(item)
    return list(dict.fromkeys(found))


def drop_missing(value: object) -> object:
    """A copy of ``value`` without the texts that hold an unresolved placeholder (a widget
    missing its key stays, so it is still reported and the app still imported)."""
    if isinstance(value, Mapping):
        return {k: drop_missing(v) for k, v in value.items() if not _unresolved(v)}
    if isinstance(value, list):
        return [drop_missing(v) for v in value if not _unresolved(v)]
    return value


def _unresolved(value: object) -> bool:
    return isinstance(value, str) and MARKER.search(value) is not None
