"""What a stored secret may contain: exactly what was given, as long as it can be sent.

Secrets are stored and sent verbatim — a password with a leading space is a different
password, so unlike other text settings they are never stripped. What cannot be sent at all is
refused when it is *entered*, with a message naming the field, instead of failing on every
request later (an ``Illegal header value`` traceback quoting the secret):

- no secret may hold a line break or another control character (no protocol carries one);
- a secret sent in an HTTP header (API keys, tokens: every secret field not named like a
  password, unless the config model says otherwise) must be printable ASCII, which is all
  a header value can carry.

Pure functions over pydantic annotations; :class:`integrations.base.IntegrationConfig` calls
them from its validators.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from pydantic import SecretStr

PASSWORD_WORDS = ("password", "passwd", "passphrase")
"""Secret fields whose name holds one of these go in a body or Basic auth, not in a header."""


def is_secret_annotation(annotation: Any) -> bool:
    """Whether a field's type is (or optionally is) ``SecretStr``."""
    if annotation is SecretStr:
        return True
    return any(is_secret_annotation(arg) for arg in typing.get_args(annotation))


def secret_field_names(fields: dict[str, Any]) -> frozenset[str]:
    """Names of the ``SecretStr`` fields among pydantic ``model_fields``."""
    return frozenset(name for name, info in fields.items() if is_secret_annotation(info.annotation))


def default_header_secrets(secret_names: Iterable[str]) -> frozenset[str]:
    """Secret fields presumed to travel in a header: those not named like a password."""
    return frozenset(
        name for name in secret_names if not any(word in name.lower() for word in PASSWORD_WORDS)
    )


def secret_problem(value: str, *, header: bool) -> str | None:
    """Why ``value`` cannot be sent (``None`` when it can); never quotes the value."""
    if any(ch in value for ch in "\r\n"):
        return "contains a line break, which cannot be sent; give the value on one line"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0 for ch in value):
        return "contains a control character, which cannot be sent"
    if header and not value.isascii():
        return (
            "contains non-ASCII characters, which an HTTP header cannot carry; "
            "check for a typo or a pasted look-alike character"
        )
    return None


__all__ = [
    "PASSWORD_WORDS",
    "default_header_secrets",
    "is_secret_annotation",
    "secret_field_names",
    "secret_problem",
]
