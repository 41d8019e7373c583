"""Everything the CLI prints goes through here: JSON, tables, error lines, secret redaction.

Secrets are masked where they are formatted (configs show ``MASK`` for every secret field), and
:class:`Output` adds a second net: every clear secret value the command has seen (decrypted
configs, ``--set`` values) is registered, and any text about to be written is scrubbed of it.
A service's error message that echoes a URL with ``?apikey=...`` therefore cannot leak the key.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

MASK = "••••••"  # the same mask the service layer uses in records
_MIN_REDACT_LEN = 3  # shorter "secrets" would blank out ordinary words and numbers


class Output:
    """Writes to stdout/stderr with redaction; one instance per CLI run."""

    def __init__(
        self, stdout: TextIO | None = None, stderr: TextIO | None = None, *, json_mode: bool = False
    ) -> None:
        self._stdout = stdout
        self._stderr = stderr
        self.json_mode = json_mode
        self._secrets: set[str] = set()

    @property
    def stdout(self) -> TextIO:
        return self._stdout or sys.stdout

    @property
    def stderr(self) -> TextIO:
        return self._stderr or sys.stderr

    # -- secrets --------------------------------------------------------------------------------

    def add_secret(self, value: object) -> None:
        """Never print ``value`` (nor its URL-encoded form) from now on."""
        if isinstance(value, str) and len(value) >= _MIN_REDACT_LEN:
            from urllib.parse import quote

            self._secrets.update({value, quote(value, safe=""), quote(value)})

    def add_secrets(self, values: Iterable[object]) -> None:
        for value in values:
            self.add_secret(value)

    def redact(self, text: str) -> str:
        """``text`` with every registered secret replaced by :data:`MASK` (longest first)."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    # -- writing --------------------------------------------------------------------------------

    def line(self, text: str = "") -> None:
        """One line of human output on stdout."""
        self.stdout.write(self.redact(text) + "\n")

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)

    def json(self, data: Any) -> None:
        """Pretty JSON on stdout (sorted keys would scatter related fields, so insertion order)."""
        self.stdout.write(self.redact(json.dumps(data, indent=2, default=str)) + "\n")

    def note(self, text: str) -> None:
        """A remark for the person (progress, warnings) on stderr, so ``--json`` stays clean."""
        self.stderr.write(self.redact(text) + "\n")

    def error(self, message: str, hint: str = "", code: str = "") -> None:
        """The one error line (plus its hint) on stderr."""
        suffix = f" [{code}]" if code else ""
        self.stderr.write(self.redact(f"launcher-tui: error: {message}{suffix}") + "\n")
        if hint:
            self.stderr.write(self.redact(f"  hint: {hint}") + "\n")

    def flush(self) -> None:
        for stream in (self.stdout, self.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], indent: str = "") -> list[str]:
    """A plain-text table with columns padded to their widest cell (last column unpadded)."""
    cells = [[str(h) for h in headers]] + [
        ["" if c is None else str(c) for c in row] for row in rows
    ]
    if len(cells) == 1:
        return []
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    out = []
    for n, row in enumerate(cells):
        padded = [c.ljust(widths[i]) for i, c in enumerate(row[:-1])] + [row[-1]]
        out.append(indent + "  ".join(padded).rstrip())
        if n == 0:
            out.append(indent + "  ".join("-" * w for w in widths))
    return out


def mask_config(config: dict[str, Any], secret_fields: Iterable[str]) -> dict[str, Any]:
    """A copy of ``config`` with every secret field that has a value replaced by :data:`MASK`."""
    secrets = set(secret_fields)
    return {
        key: (MASK if key in secrets and value not in (None, "") else value)
        for key, value in config.items()
    }


def format_value(value: Any) -> str:
    """A config value as a person would type it back (lists comma-separated, bools lower)."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(format_value(v) for v in value)
    return str(value)
