"""The one table of user-facing texts for integration error codes.

Each :mod:`integrations.errors` code maps to a short title (card error state, stale badge), the
message a config form shows, and which form field the message attaches to — Home Assistant
config-flow style: a refused login lands under the secret, an unreachable service under the URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

FieldTarget = Literal["url", "credentials", "form"]


@dataclass(frozen=True)
class ErrorText:
    """How one error code is presented."""

    title: str
    """Short, e.g. "Cannot connect" (card error title, stale badge)."""
    message: str
    """The sentence a form shows next to the field."""
    target: FieldTarget
    """Which field gets it: the URL, the credentials, or the form as a whole."""


ERROR_TEXTS: dict[str, ErrorText] = {
    "cannot_connect": ErrorText(
        "Cannot connect", "Could not reach the service at this address.", "url"
    ),
    "timeout": ErrorText("Timed out", "The service did not answer in time.", "url"),
    "tls": ErrorText("TLS error", "The secure connection failed (certificate?).", "url"),
    "invalid_auth": ErrorText(
        "Authentication failed", "The service refused these credentials.", "credentials"
    ),
    "bad_status": ErrorText(
        "Unexpected HTTP status", "The URL answered, but not like this service's API.", "url"
    ),
    "bad_response": ErrorText(
        "Unexpected response", "The answer does not look like this service.", "url"
    ),
    "invalid_config": ErrorText("Invalid settings", "Some settings are invalid.", "form"),
}
"""Error code → presentation; see :func:`error_text` for unknown codes."""

_FALLBACK = ErrorText("Error", "Something went wrong.", "form")
URL_FIELDS = ("url", "api_url")
"""Field names an error with target ``url`` attaches to, first present wins."""
CREDENTIAL_FIELDS = ("api_key", "token", "password", "key", "username")
"""Field names an error with target ``credentials`` attaches to, first present wins."""


def error_text(code: str) -> ErrorText:
    """The presentation of ``code`` (a generic one for codes this table does not know)."""
    return ERROR_TEXTS.get(code, _FALLBACK)


def error_title(code: str) -> str:
    """Short title for ``code``: ``"cannot_connect"`` → ``"Cannot connect"``."""
    return error_text(code).title


def field_for_error(
    code: str, fields: Iterable[str], secret_fields: Iterable[str] = ()
) -> str | None:
    """The form field an error code attaches to, or ``None`` for a form-level message.

    ``invalid_auth`` goes to the first credential field present (``api_key``, ``token``,
    ``password``..., then any secret field); connection errors go to ``url``/``api_url``.
    """
    present = list(fields)
    target = error_text(code).target
    if target == "url":
        candidates = [f for f in URL_FIELDS if f in present]
    elif target == "credentials":
        candidates = [f for f in CREDENTIAL_FIELDS if f in present]
        candidates += [f for f in secret_fields if f in present]
    else:
        candidates = []
    return candidates[0] if candidates else None


__all__ = [
    "CREDENTIAL_FIELDS",
    "ERROR_TEXTS",
    "URL_FIELDS",
    "ErrorText",
    "error_text",
    "error_title",
    "field_for_error",
]
