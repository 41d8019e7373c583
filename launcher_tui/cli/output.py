"""Everything the CLI prints goes through here: JSON, tables, error lines, secret redaction.

Secrets are masked where they are formatted (configs show ``MASK`` for every secret field), and
:class:`Output` adds a second net: every clear secret value the command has seen (decrypted
configs, ``--set`` values) is registered, and any text about to be written is scrubbed of it.
A service's error message that echoes a URL with ``?apikey=...`` therefore cannot leak the key.
Redaction knows the forms a secret takes on the way out: raw, URL-encoded, its ``repr()`` (a
transport error quoting a header value with ``\\n`` escapes), and base64 of ``user:password``
pairs registered with :meth:`Output.add_basic_auth`.

Human text is terminal-safe: every line goes through :func:`integrations.sanitize.clean_text`,
so a service's escape sequence is shown as ``␛[2J`` instead of clearing the screen. ``--json``
is strict RFC 8259 (NaN and ±infinity become ``null``) and keeps the services' original text.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO
from urllib.parse import quote

from integrations.sanitize import clean_text

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
        """Never print ``value`` in any of the forms it takes on the way out, from now on."""
        if isinstance(value, str) and len(value) >= _MIN_REDACT_LEN:
            self._secrets.update(secret_forms(value))
            # a multi-line secret may be quoted one line at a time
            self._secrets.update(
                form
                for part in value.splitlines()
                if len(part) >= _MIN_REDACT_LEN
                for form in secret_forms(part)
            )

    def add_basic_auth(self, username: str, password: str) -> None:
        """Never print the ``Authorization: Basic`` token made of this pair (nor the password)."""
        self.add_secret(password)
        if password:
            self._secrets.update(basic_auth_forms(username, password))

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
        """One line of human output on stdout (redacted, terminal control made visible)."""
        self.stdout.write(self.text(text) + "\n")

    def text(self, text: str) -> str:
        """``text`` as it may reach a terminal: secrets masked, control characters made visible."""
        return clean_text(self.redact(text), multiline=True)

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)

    def json(self, data: Any) -> None:
        """Pretty JSON on stdout (sorted keys would scatter related fields, so insertion order)."""
        self.stdout.write(self.redact(dumps_json(data)) + "\n")

    def note(self, text: str) -> None:
        """A remark for the person (progress, warnings) on stderr, so ``--json`` stays clean."""
        self.stderr.write(self.text(text) + "\n")

    def error(self, message: str, hint: str = "", code: str = "") -> None:
        """The one error line (plus its hint) on stderr."""
        suffix = f" [{code}]" if code else ""
        self.stderr.write(self.text(f"launcher-tui: error: {message}{suffix}") + "\n")
        if hint:
            self.stderr.write(self.text(f"  hint: {hint}") + "\n")

    def flush(self) -> None:
        for stream in (self.stdout, self.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()


class _OutputLogHandler(logging.Handler):
    """Log records as notes on stderr, through the same redaction and cleaning as all output."""

    def __init__(self, out: Output) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self._out = out

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._out.note(self.format(record))
        except Exception:
            self.handleError(record)


def install_log_handler(out: Output, *, debug: bool) -> None:
    """Route logging: with ``--debug`` to stderr (redacted, cleaned), else nowhere.

    Without a handler Python's last-resort handler prints warnings *with their traceback* on
    stderr; a CLI run without ``--debug`` shows its one error line and nothing else.
    """
    root = logging.getLogger()
    if debug:
        root.addHandler(_OutputLogHandler(out))
        root.setLevel(logging.DEBUG)
    elif not root.handlers:
        root.addHandler(logging.NullHandler())


def secret_forms(value: str) -> set[str]:
    """The spellings of ``value`` an output may carry: raw, URL-encoded, ``repr()``, JSON."""
    forms = {value, quote(value, safe=""), quote(value), quote(value, safe="").replace("%20", "+")}
    forms.add(json.dumps(value)[1:-1])  # as --json spells it (\\n, \\u00e9)
    for quoted in (repr(value), repr(value.encode("utf-8", "backslashreplace"))):
        # the repr without its quotes and b prefix: what ends up inside a longer message
        forms.add(quoted.lstrip("b")[1:-1])
    return {form for form in forms if len(form) >= _MIN_REDACT_LEN}


def basic_auth_forms(username: str, password: str) -> set[str]:
    """The base64 token of HTTP Basic auth for this pair (as sent, and as often re-encoded)."""
    pair = f"{username}:{password}"
    return {
        base64.b64encode(pair.encode(encoding)).decode("ascii")
        for encoding in ("utf-8", "latin-1")
        if _encodable(pair, encoding)
    }


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def json_safe(data: Any) -> Any:
    """``data`` ready for strict JSON: models dumped with their original text, NaN/±inf → None."""
    pydantic = sys.modules.get("pydantic")  # never imported: no model to dump (saves ~65 ms)
    if pydantic is not None and isinstance(data, pydantic.BaseModel):
        from integrations.models import RAW_CONTEXT

        data = data.model_dump(mode="json", context=RAW_CONTEXT)
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, Mapping):
        return {str(k): json_safe(v) for k, v in data.items()}
    if isinstance(data, list | tuple | set | frozenset):
        return [json_safe(v) for v in data]
    if data is None or isinstance(data, str | int | bool):
        return data
    return str(data)


def dumps_json(data: Any) -> str:
    """The one JSON writer of the CLI: strict RFC 8259 (``allow_nan=False``), indented."""
    return json.dumps(json_safe(data), indent=2, allow_nan=False)


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
