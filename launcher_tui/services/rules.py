"""The rules of stored values that need no pydantic: limits, names, URLs, CA bundle paths.

The pydantic shapes in :mod:`launcher_tui.services.schemas` apply them (and re-export them);
the services use them directly, so that importing a service does not build the record models:
``test-connection`` only reads one app and never needs them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

MIN_REFRESH_SECONDS = 2.0
MAX_COLUMNS = 12
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$")
NOT_IN_URLS = frozenset({"So", "Sk", "Cc", "Cf", "Co", "Cn", "Cs", "Mn"})
"""Unicode categories refused in a URL: emoji, symbols, invisible and control characters."""


def check_name(value: str) -> str:
    """Names are shown in lists and typed on the command line: one printable line."""
    if not value:
        raise ValueError("must not be empty")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must be a single line without control characters")
    return value


def check_url(value: str) -> str:
    """``scheme://host[:port]/...`` for network services, ``unix:///path`` for sockets.

    Any scheme is accepted (integrations speak nut://, tcp://, mqtt://...), but it must be a
    full URL: a bare host name is refused with the fix in the message.
    """
    if not value:
        return value
    if any(c.isspace() for c in value):
        raise ValueError("must not contain spaces")
    odd = next((c for c in value if unicodedata.category(c) in NOT_IN_URLS), None)
    if odd is not None:
        raise ValueError(
            f"must not contain emoji or symbols ({odd}): use a host name or IP address"
        )
    parts = urlsplit(value)
    if "://" not in value or not _SCHEME.match(parts.scheme):
        raise ValueError(f"must start with a scheme, e.g. http://{value.split('://')[-1]}")
    if parts.scheme == "unix":
        if not parts.path:
            raise ValueError("a unix:// URL needs a socket path, e.g. unix:///run/app.sock")
        return value
    if not parts.hostname:
        raise ValueError("must name a host, e.g. http://192.168.1.10:8080")
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ValueError("has an invalid port (1-65535)") from None
    return value


def check_ca_bundle(value: str | None) -> str | None:
    """A CA bundle must be a readable file; stored as an absolute path."""
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        raise ValueError(f"no such file: {path}")
    return str(path.resolve())
