"""When a failing key is tried again: the retry policy of the refresh coordinator.

A dashboard that retries a refused login on every tick gets its address banned (qBittorrent bans
after five failures), and one that ignores ``Retry-After`` keeps a service that is out of session
seats out of seats. So, as Home Assistant's update coordinator does:

* credentials refused (:class:`~integrations.errors.AuthError`) → stop polling the whole app until
  the person edits it or asks for a retry (:data:`Decision.paused`);
* rate limited (HTTP 429/503) → wait what the service asked (``retry_after``, capped), for the
  whole app (the login is shared);
* anything else → exponential backoff with jitter, per key, up to :data:`MAX_BACKOFF`.

The clock is injected (:class:`Clock`) so tests run ten simulated minutes without sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from integrations.errors import AuthError

MAX_BACKOFF = 300.0
"""Longest wait between two automatic attempts of a failing key (seconds)."""
MAX_RETRY_AFTER = 1800.0
"""A service's ``Retry-After`` is honoured up to this many seconds."""
RATE_LIMIT_BASE = 60.0
"""First wait after a 429/503 that did not say how long to wait."""
JITTER = 0.2
"""Each backoff is spread by ±20 % so many dashboards do not retry in lockstep."""
RATE_LIMITED_STATUSES = (429, 503)


class Clock(Protocol):
    """Time for the coordinator: a monotonic ``now``, wall ``time`` and an interruptible wait."""

    def now(self) -> float: ...

    def time(self) -> float: ...

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        """Return when ``event`` is set or ``seconds`` passed (``None``: only the event)."""
        ...


class SystemClock:
    """The real clock (``time.monotonic`` / ``time.time``)."""

    def now(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout=seconds)


@dataclass(frozen=True)
class Decision:
    """What to do after a failure: wait ``delay`` seconds, or (``paused``) wait for the person."""

    delay: float | None
    app_wide: bool = False

    @property
    def paused(self) -> bool:
        return self.delay is None


def retry_after(error: BaseException) -> float | None:
    """The service's ``Retry-After`` in seconds, when the error carries one."""
    value = getattr(error, "retry_after", None)
    if isinstance(value, int | float) and value == value and value >= 0:  # not NaN
        return float(value)
    return None


def is_rate_limited(error: BaseException) -> bool:
    if getattr(error, "code", "") in ("rate_limited", "too_many_requests"):
        return True
    return getattr(error, "status_code", None) in RATE_LIMITED_STATUSES


@dataclass
class BackoffPolicy:
    """Turns (a failure, how many in a row, the normal interval) into a :class:`Decision`."""

    max_backoff: float = MAX_BACKOFF
    max_retry_after: float = MAX_RETRY_AFTER
    jitter: float = JITTER
    rand: Callable[[], float] = random.random

    def decide(self, error: BaseException, failures: int, interval: float) -> Decision:
        """``failures`` counts this one (1 = first failure in a row)."""
        if isinstance(error, AuthError) or getattr(error, "code", "") == "invalid_auth":
            return Decision(None, app_wide=True)
        asked = retry_after(error)
        if asked is not None:
            return Decision(min(max(asked, interval), self.max_retry_after), app_wide=True)
        if is_rate_limited(error):
            return Decision(self._spread(RATE_LIMIT_BASE * 2 ** (failures - 1)), app_wide=True)
        return Decision(self._spread(interval * 2 ** (failures - 1)))

    def _spread(self, seconds: float) -> float:
        """``seconds`` capped, then spread by ±jitter (never above the cap)."""
        base = min(seconds, self.max_backoff)
        spread = base * self.jitter * (2 * self.rand() - 1)
        return max(0.0, min(self.max_backoff, base + spread))


def format_wait(seconds: float) -> str:
    """``40s``, ``1m 40s``, ``5m``, ``1h 2m`` — how long until the next attempt."""
    total = math.ceil(max(0.0, seconds))
    if total < 60:
        return f"{total}s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{minutes}m {secs}s" if secs else f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if minutes else f"{hours}h"


PAUSED_TEXT = "credentials refused — edit the app or press r to retry"


def retry_text(next_attempt: float | None, paused: bool, now: float) -> str:
    """The card's line about the next attempt ("retrying in 1m 40s"), or '' when none."""
    if paused:
        return PAUSED_TEXT
    if next_attempt is None:
        return ""
    left = next_attempt - now
    return f"retrying in {format_wait(left)}" if left >= 1 else "retrying now"
