"""Typed failures an integration can raise, each one something a person can act on.

Every error carries a stable ``code`` (used by forms to map a failure onto a field, by the CLI
for ``--json`` and exit codes, and by the widget container to pick a hint) and a ``hint`` that
says what to check. Integrations raise these; nothing above them ever sees an httpx exception.
"""

from __future__ import annotations

import math
import time
from email.utils import parsedate_to_datetime

from integrations.failures import hint_for

MAX_RETRY_AFTER = 3600.0
"""The longest wait a service's ``Retry-After`` can impose (seconds): an hour, not a day."""


class IntegrationError(Exception):
    """Base class: a service could not give us what we asked for."""

    code = "error"
    default_hint = hint_for(code)
    retry_after: float | None = None
    """Seconds the service asked us to wait before the next request (only rate limits set it)."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        integration: str = "",
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code  # a finer kind of the class's family (see integrations.failures)
        self.hint = hint or (hint_for(self.code) if code is not None else self.default_hint)
        self.integration = integration

    @property
    def reason(self) -> str:
        """The message without its leading ``"<integration>: "`` (for lines that name the app)."""
        head, sep, rest = self.message.partition(": ")
        if sep and rest and head.strip().lower() in {self.integration.lower(), "service"}:
            return rest
        return self.message

    def to_dict(self) -> dict[str, str]:
        """JSON-friendly form for ``--json`` output."""
        return {"code": self.code, "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        return self.message


class UnreachableError(IntegrationError):
    """Nothing answered: connection refused, DNS failure, no route."""

    code = "cannot_connect"
    default_hint = hint_for(code)


class TimeoutError_(IntegrationError):
    """The service accepted the connection but did not answer in time."""

    code = "timeout"
    default_hint = hint_for(code)


class TLSError(IntegrationError):
    """The TLS handshake or certificate check failed."""

    code = "tls"
    default_hint = hint_for(code)


class AuthError(IntegrationError):
    """The service refused our credentials (HTTP 401/403 or the API's own refusal)."""

    code = "invalid_auth"
    default_hint = hint_for(code)


class BadStatusError(IntegrationError):
    """The service answered with an unexpected HTTP status."""

    code = "bad_status"
    default_hint = hint_for(code)

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
    default_hint = hint_for(code)

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


class ForbiddenError(BadStatusError):
    """The service, or a proxy in front of it, refuses the request itself, not the credentials.

    A docker-socket-proxy's 403 for a disabled API section, qBittorrent's 401 from its Host-header
    or CSRF check (``code="host_rejected"``), a 401/403 to an app that sends no credentials.
    Not an :class:`AuthError`: re-entering a password fixes none of them.
    """

    code = "forbidden"
    default_hint = hint_for(code)


class BadResponseError(IntegrationError):
    """The answer could not be understood: not JSON, wrong shape, too large, wrong version."""

    code = "bad_response"
    default_hint = hint_for(code)


class ConfigError(IntegrationError):
    """The integration's configuration is incomplete or invalid."""

    code = "invalid_config"
    default_hint = hint_for(code)


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
    "ForbiddenError",
    "IntegrationError",
    "RateLimitedError",
    "ServiceTimeoutError",
    "TLSError",
    "UnknownEndpointError",
    "UnknownIntegrationError",
    "UnreachableError",
    "parse_retry_after",
]
