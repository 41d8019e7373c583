"""A small asyncio client for the NUT network protocol (RFC 9271).

The protocol is line based: one command per line, ``OK``/``ERR <code>`` or ``VAR ...`` answers,
and ``BEGIN LIST`` … ``END LIST`` blocks for lists. Values are double-quoted with ``\\"`` and
``\\\\`` escapes. Every failure becomes a typed integration error.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
from urllib.parse import urlsplit

from integrations.errors import (
    AuthError,
    BadResponseError,
    ConfigError,
    IntegrationError,
    TimeoutError_,
    UnreachableError,
)

DEFAULT_PORT = 3493
MAX_LINE = 64 * 1024
MAX_LIST_LINES = 10_000

# ERR codes from RFC 9271 §4 mapped to what a person should do about them.
_AUTH_ERRORS = {
    "ACCESS-DENIED",
    "USERNAME-REQUIRED",
    "PASSWORD-REQUIRED",
    "INVALID-PASSWORD",
    "INVALID-USERNAME",
}
_STALE_ERRORS = {"DATA-STALE", "DRIVER-NOT-CONNECTED"}


def parse_address(url: str) -> tuple[str, int]:
    """``nut://host:port``, ``tcp://host``, ``host:port`` or ``host`` → (host, port)."""
    text = url.strip()
    if not text:
        raise ConfigError("nut: no address; use nut://host:3493", integration="nut")
    if "://" not in text:
        text = f"nut://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("nut", "tcp", "upsd"):
        raise ConfigError(
            f"nut: unsupported URL scheme {parts.scheme!r}",
            hint="Use nut://host:3493 (upsd's address).",
            integration="nut",
        )
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError as exc:
        raise ConfigError(f"nut: invalid port in {url!r}", integration="nut") from exc
    if not parts.hostname:
        raise ConfigError(f"nut: no host in {url!r}", integration="nut")
    return parts.hostname, port


def unquote(value: str) -> str:
    """A NUT quoted value without its quotes and escapes."""
    try:
        words = shlex.split(value, posix=True)
    except ValueError as exc:
        raise BadResponseError(f"nut: malformed value {value!r}", integration="nut") from exc
    return words[0] if words else ""


def error_for(line: str, context: str) -> IntegrationError:
    """The typed error for an ``ERR <code>`` answer."""
    code = line[4:].split(" ", 1)[0] if line.startswith("ERR ") else line
    if code in _AUTH_ERRORS:
        return AuthError(f"nut: upsd refused {context} ({code})", integration="nut")
    if code == "UNKNOWN-UPS":
        return ConfigError(
            f"nut: upsd has no UPS by that name ({context})",
            hint="Leave the UPS name empty to use the first one, or check `upsc -l`.",
            integration="nut",
        )
    if code in _STALE_ERRORS:
        return UnreachableError(
            f"nut: upsd has no fresh data from the UPS driver ({code})",
            hint="Check the UPS cable and that the NUT driver is running.",
            integration="nut",
        )
    return BadResponseError(f"nut: upsd answered {line!r} to {context}", integration="nut")


class NutConnection:
    """One connection to upsd; use ``async with NutConnection.open(...)``."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float):
        self._reader = reader
        self._writer = writer
        self._timeout = timeout
        # one total deadline for the whole conversation, not per line: an upsd (or anything
        # else on that port) trickling one line at a time must not hold a card for minutes
        self._deadline = asyncio.get_running_loop().time() + timeout

    @classmethod
    async def open(cls, host: str, port: int, timeout: float) -> NutConnection:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, limit=MAX_LINE), timeout
            )
        except TimeoutError as exc:
            raise TimeoutError_(
                f"nut: no answer from {host}:{port} within {timeout:g} s", integration="nut"
            ) from exc
        except OSError as exc:
            raise UnreachableError(
                f"nut: cannot connect to upsd at {host}:{port} ({exc.strerror or exc})",
                hint="Check the host and port (default 3493) and upsd's LISTEN lines.",
                integration="nut",
            ) from exc
        return cls(reader, writer, timeout)

    async def __aenter__(self) -> NutConnection:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.write(b"LOGOUT\n")
            await asyncio.wait_for(self._writer.drain(), 1)
        self._writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._writer.wait_closed(), 1)

    async def command(self, line: str) -> str:
        """Send one command and read its one-line answer."""
        self._writer.write(line.encode() + b"\n")
        await self._writer.drain()
        return await self._readline(line.split(" ", 1)[0])

    async def expect_ok(self, line: str, context: str) -> None:
        answer = await self.command(line)
        if not answer.startswith("OK"):
            raise error_for(answer, context)

    async def list(self, what: str) -> list[list[str]]:
        """``LIST <what>`` → the lines between BEGIN and END, split into words (values unquoted)."""
        first = await self.command(f"LIST {what}")
        if first.startswith("ERR"):
            raise error_for(first, f"LIST {what}")
        if first != f"BEGIN LIST {what}":
            raise BadResponseError(
                f"nut: expected 'BEGIN LIST {what}', got {first[:80]!r} — is this upsd?",
                hint="Check the port: it must be upsd's (default 3493).",
                integration="nut",
            )
        rows: list[list[str]] = []
        for _ in range(MAX_LIST_LINES):
            line = await self._readline(what)
            if line == f"END LIST {what}":
                return rows
            try:
                rows.append(shlex.split(line, posix=True))
            except ValueError as exc:
                raise BadResponseError(
                    f"nut: malformed line {line[:80]!r}", integration="nut"
                ) from exc
        raise BadResponseError(f"nut: LIST {what} did not end", integration="nut")

    async def _readline(self, context: str) -> str:
        try:
            left = max(0.0, self._deadline - asyncio.get_running_loop().time())
            raw = await asyncio.wait_for(self._reader.readline(), left)
        except TimeoutError as exc:
            raise TimeoutError_(
                f"nut: upsd did not answer {context} within {self._timeout:g} s",
                integration="nut",
            ) from exc
        except (ValueError, asyncio.LimitOverrunError) as exc:
            raise BadResponseError(
                "nut: answer line too long — is this upsd?", integration="nut"
            ) from exc
        except OSError as exc:
            raise UnreachableError(f"nut: connection lost ({exc})", integration="nut") from exc
        if not raw:
            raise UnreachableError("nut: upsd closed the connection", integration="nut")
        try:
            return raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise BadResponseError(
                "nut: answer is not text — is this upsd?", integration="nut"
            ) from exc


async def list_ups(conn: NutConnection) -> dict[str, str]:
    """UPS name → description."""
    return {
        row[1]: (row[2] if len(row) > 2 else "") for row in await conn.list("UPS") if len(row) >= 2
    }


async def list_vars(conn: NutConnection, ups: str) -> dict[str, str]:
    """All variables of one UPS."""
    rows = await conn.list(f"VAR {ups}")
    return {
        row[2]: (row[3] if len(row) > 3 else "")
        for row in rows
        if len(row) >= 3 and row[0] == "VAR"
    }
