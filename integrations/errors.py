"""Typed failures an integration can raise, each one something a person can act on.

Every error carries a stable ``code`` (used by forms to map a failure onto a field, by the CLI
for ``--json`` and exit codes, and by the widget container to pick a hint) and a ``hint`` that
says what to check. Integrations raise these; nothing above them ever sees an httpx exception.
"""

from __future__ import annotations

import math
import time
from email.utils import parsedate_to_datetime

MAX_RETRY_AFTER = 3600.0
"""The longest wait a service's ``Retry-After`` can impose (seconds): an hour, not a day."""


class IntegrationError(Exception):
    """Base class: a service could not give us what we asked for."""

    code = "error"
    default_hint = "See the message for details."
    retry_after: float | None = None
    """Seconds the service asked us to wait before the next request (only rate limits set it)."""

    def __init__(self, message: str, *, hint: str | None = None, integration: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or self.default_hint
        self.integration = integration

    def to_dict(self) -> dict[str, str]:
        """JSON-friendly form for ``--json`` output."""
        return {"code": self.code, "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        return self.message


class UnreachableError(IntegrationError):
    """Nothing answered: connection refused, DNS failure, no route."""

    code = "cannot_connect"
    default_hint = (
        "Check the URL and port, and that the service is running and reachable from here."
    )


class TimeoutError_(IntegrationError):
    """The service accepted the connection but did not answer in time."""

    code = "timeout"
    default_hint = "The service is slow or overloaded; check it, or raise the timeout."


class TLSError(IntegrationError):
    """The TLS handshake or certificate check failed."""

    code = "tls"
    default_hint = "For a self-signed certificate give the CA bundle, or turn off TLS verification for this app."


class AuthError(IntegrationError):
    """The service refused our credentials (HTTP 401/403 or the API's own refusal)."""

    code = "invalid_auth"
    default_hint = "Check the API key, user name or password."


class BadStatusError(IntegrationError):
    """The service answered with an unexpected HTTP status."""

    code = "bad_status"
    default_hint = "Check that the URL points at the service's API (base path, reverse proxy)."

    def __init__(self, message: str, *, status_code: int, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.status_code = status_code

    def to_dict(self) -> dict[str, str]:
        return {**super().to_dict(), "status_code": str(self.status_code)}


class RateLimitedError(BadStatusError):
    """The service asks us to slow down: HTTP 429, or 503 with a ``Retry-After``.

    ``retry_after`` is the wait in seconds the service asked for (``None`` when it did not say);
    pollers back off at least that long instead of asking again on every refresh, which is what
    gets a dashboard's address banned or uses up a service's session seats.
    """

    code = "rate_limited"
    default_hint = "The service is limiting requests (or sessions); wait before trying again."

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 429,
        retry_after: float | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(message, status_code=status_code, **kwargs)
        self.retry_after = retry_after

    def to_dict(self) -> dict[str, str]:
        out = super().to_dict()
        if self.retry_after is not None:
            out["retry_after"] = f"{self.retry_after:g}"
        return out


def parse_retry_after(
    value: str | None, *, now: float | None = None, cap: float = MAX_RETRY_AFTER
) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), capped.

    ``None`` when the header is missing or unreadable; a date in the past gives ``0``. ``now`` is
    the wall clock (``time.time()``) the date is compared with; tests pass a fixed one.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return min(float(int(text[:12])), cap)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or when.tzinfo is None:
        return None
    seconds = when.timestamp() - (time.time() if now is None else now)
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), cap)


class BadResponseError(IntegrationError):
    """The answer could not be understood: not JSON, wrong shape, too large, wrong version."""

    code = "bad_response"
    default_hint = (
        "The URL may point at another service, a login page or an unsupported version of it."
    )


class ConfigError(IntegrationError):
    """The integration's configuration is incomplete or invalid."""

    code = "invalid_config"
    default_hint = "Edit the app and fix its integration settings."


class UnknownIntegrationError(LookupError):
    """No integration with that id is installed."""

    def __init__(self, integration_id: str, installed: list[str]) -> None:
        names = ", ".join(installed) or "none"
        super().__init__(f"No integration '{integration_id}'. Installed: {names}.")
        self.integration_id = integration_id
        self.installed = installed


class UnknownEndpointError(LookupError):
    """The integration has no endpoint (or action) with that id."""

    def __init__(self, integration_id: str, endpoint_id: str, available: list[str]) -> None:
        names = ", ".join(available) or "none"
        super().__init__(
            f"Integration '{integration_id}' has no '{endpoint_id}'. Available: {names}."
        )
        self.endpoint_id = endpoint_id
        self.available = available


# A friendlier public name; ``TimeoutError_`` avoids shadowing the builtin inside this module.
ServiceTimeoutError = TimeoutError_

__all__ = [
    "MAX_RETRY_AFTER",
    "AuthError",
    "BadResponseError",
    "BadStatusError",
    "ConfigError",
    "IntegrationError",
    "RateLimitedError",
    "ServiceTimeoutError",
    "TLSError",
    "UnknownEndpointError",
    "UnknownIntegrationError",
    "UnreachableError",
    "parse_retry_after",
]
