"""``--set KEY=VALUE`` and ``--option KEY=VALUE``: where values come from and what type they get.

A value can be given four ways, so that secrets never have to appear in shell history or in
``ps`` output:

* ``KEY=text``       literally (fine for URLs and numbers; a warning is printed for secrets)
* ``KEY=env:NAME``   from the environment variable ``NAME``
* ``KEY=@PATH``      from the file ``PATH`` (one trailing newline stripped)
* ``KEY=-``          prompted for without echo (read from stdin when it is not a terminal)

The text is then converted against the integration's JSON Schema: integers and numbers, booleans
(``true/false/yes/no/on/off/1/0``), lists (comma-separated), and an empty value for "unset".
The integration's pydantic model does the final validation.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from launcher_tui.cli.errors import CliError

SOURCES_HELP = (
    "VALUE forms: 'text' literally; 'env:NAME' reads environment variable NAME; "
    "'@PATH' reads the file PATH; '-' prompts without echo (or reads a line from stdin "
    "when it is piped). Use env:, @ or - for secrets so they stay out of shell history and ps."
)

SECRETS_EPILOG = """\
secret settings never need to be typed on the command line:
  --set api_key=env:SONARR_KEY   read the environment variable SONARR_KEY
  --set api_key=@/run/keys/sonarr read the file (one trailing newline is dropped)
  --set api_key=-                 prompt without echo (or read a line from piped stdin)
  --prompt-secrets                prompt for every secret setting not given with --set
Values are converted by the integration's settings schema: numbers, booleans
(true/false/yes/no), lists (comma-separated); an empty value resets a setting.
See 'launcher-tui integrations NAME' for the settings of an integration.
"""

_TRUE = frozenset({"true", "yes", "on", "1", "y"})
_FALSE = frozenset({"false", "no", "off", "0", "n"})

_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}

Prompt = Callable[[str], str]


def split_pairs(pairs: Iterable[str] | None, flag: str) -> list[tuple[str, str]]:
    """``["a=1", "b=x=y"]`` → ``[("a", "1"), ("b", "x=y")]``; a missing ``=`` is a usage error."""
    out = []
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CliError(f"{flag} expects KEY=VALUE, got {pair!r}", hint=SOURCES_HELP)
        out.append((key, value))
    return out


def default_prompt(label: str) -> str:
    """Ask without echo on a terminal; read one line from a pipe otherwise."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        try:
            return getpass.getpass(f"{label}: ")
        except EOFError:
            raise CliError(f"no value entered for {label}") from None
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise CliError(
            f"{label}: nothing to read on stdin for '-'",
            hint="Pipe the value in, run in a terminal, or use env:NAME / @PATH.",
        )
    return line.rstrip("\r\n")


def resolve_source(key: str, raw: str, prompt: Prompt = default_prompt) -> str:
    """The text behind ``raw``: literal, ``env:NAME``, ``@PATH`` or ``-`` (see module doc)."""
    if raw == "-":
        return prompt(key)
    if raw.startswith("env:"):
        name = raw[4:]
        if not name:
            raise CliError(f"--set {key}=env: needs a variable name, e.g. env:SONARR_KEY")
        if name not in os.environ:
            raise CliError(f"--set {key}: environment variable {name} is not set")
        return os.environ[name]
    if raw.startswith("@"):
        path = Path(raw[1:]).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(
                f"--set {key}: cannot read {path}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
        return text[:-1] if text.endswith("\n") else text
    return raw


def _types(spec: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """JSON-schema types of a property (``anyOf`` flattened) and the array item spec, if any."""
    variants = spec.get("anyOf") or [spec]
    types: list[str] = []
    items: dict[str, Any] = {}
    for variant in variants:
        kind = variant.get("type")
        if kind is None and "enum" in variant:
            kind = "string"
        if kind is None and "const" in variant:
            kind = _JSON_TYPES.get(type(variant["const"]), "string")
        if isinstance(kind, str):
            types.append(kind)
        if kind == "array":
            items = variant.get("items", {})
    return types, items


def convert(key: str, text: str, spec: dict[str, Any]) -> Any:
    """``text`` converted to the JSON type ``spec`` asks for (pydantic validates the rest)."""
    types, items = _types(spec)
    if text == "" and ("null" in types or "string" not in types):
        return None
    if "array" in types:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        return [convert(key, p, items) for p in parts]
    if "boolean" in types:
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        if types == ["boolean"] or types == ["boolean", "null"]:
            raise CliError(f"--set {key}: expected true/false/yes/no, got {text!r}")
    if "integer" in types:
        try:
            return int(text.strip())
        except ValueError:
            if "number" not in types and "string" not in types:
                raise CliError(f"--set {key}: expected a whole number, got {text!r}") from None
    if "number" in types:
        try:
            return float(text.strip())
        except ValueError:
            if "string" not in types:
                raise CliError(f"--set {key}: expected a number, got {text!r}") from None
    return text


def parse_settings(
    pairs: Iterable[tuple[str, str]],
    schema: dict[str, Any],
    *,
    what: str,
    prompt: Prompt = default_prompt,
) -> dict[str, Any]:
    """Resolve and convert ``--set`` pairs against a config schema; unknown keys are refused."""
    props: dict[str, Any] = schema.get("properties", {})
    values: dict[str, Any] = {}
    for key, raw in pairs:
        if key not in props:
            known = ", ".join(props) or "none"
            raise CliError(f"{what} has no setting {key!r}. Settings: {known}.")
        values[key] = convert(key, resolve_source(key, raw, prompt), props[key])
    return values


def literal_secret_keys(
    pairs: Iterable[tuple[str, str]], secret_fields: Iterable[str]
) -> list[str]:
    """Secret settings that were typed literally on the command line (worth a warning)."""
    secrets = set(secret_fields)
    return [
        key
        for key, raw in pairs
        if key in secrets and raw and raw != "-" and not raw.startswith(("env:", "@"))
    ]
