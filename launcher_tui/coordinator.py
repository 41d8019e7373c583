"""Refresh coordination: one poller per data key, running only while something listens.

Modelled on Home Assistant's ``DataUpdateCoordinator``:

* one :class:`Coordinator` per cache key (``app_id:endpoint_id`` + options), however many widgets
  show that key; it polls at the shortest interval its listeners asked for (never below
  :data:`MIN_INTERVAL`);
* the next refresh is armed only after the previous one completed, so a slow service can never
  pile up requests or get its fetch cancelled by the next tick (the Textual trap of
  ``set_interval`` + exclusive workers);
* errors are logged on transition (first failure, a different failure) and once on recovery,
  not on every tick;
* listeners are notified only when what they would draw changed (data, stale flag, error);
  a listener may also pass ``checked``, called after every other check (nothing new to draw,
  but the check happened: "updated … ago" and a refresh indicator depend on it);
* polling stops when the last listener leaves (a board that is not shown costs nothing) and the
  first listener of a key starts it at once, so a board fills in one concurrent round trip.

Nothing here imports Textual: listeners are plain callables run on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from integrations.errors import IntegrationError
from integrations.models import Alert, FetchResult, unique_alerts
from launcher_tui.cache import CacheEntry, cache_key
from launcher_tui.runtime import Runtime, Target, as_integration_error

log = logging.getLogger(__name__)

MIN_INTERVAL = 2.0
"""No widget may poll a service more often than this (seconds)."""


@dataclass(frozen=True)
class Update:
    """What listeners receive: the latest entry (possibly stale) and/or the current error."""

    key: str
    entry: CacheEntry[FetchResult] | None
    error: IntegrationError | None

    @property
    def alerts(self) -> list[Alert]:
        """Alerts of the latest good data (kept while stale)."""
        return list(self.entry.value.alerts) if self.entry is not None else []


Listener = Callable[[Update], None]


@dataclass(eq=False)
class _Subscription:
    listener: Listener
    interval: float
    checked: Listener | None = None


@dataclass(eq=False)
class Coordinator:
    """Polls one key for its listeners (see the module docstring)."""

    runtime: Runtime
    target: Target
    endpoint_id: str
    options: dict[str, Any] | None = None
    key: str = ""
    last: Update | None = None
    _subs: list[_Subscription] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _force: bool = False
    _failing: str | None = None  # error code while failing, for transition logging

    def __post_init__(self) -> None:
        self.key = self.key or cache_key(self.target.app_id, self.endpoint_id, self.options)

    @property
    def interval(self) -> float:
        """The shortest interval any listener asked for, bounded below."""
        wanted = min((s.interval for s in self._subs), default=MIN_INTERVAL)
        return max(MIN_INTERVAL, wanted)

    @property
    def listening(self) -> bool:
        return bool(self._subs)

    def subscribe(
        self, listener: Listener, interval: float, *, checked: Listener | None = None
    ) -> Callable[[], None]:
        """Start (or join) polling; returns the function that unsubscribes.

        ``listener`` gets every update that changes what is drawn; ``checked`` (optional) gets
        the others: the check ended, nothing new to draw.
        """
        sub = _Subscription(listener, interval, checked)
        self._subs.append(sub)
        if self.last is not None:
            listener(self.last)  # a late joiner draws the current state at once
        self._ensure_running()
        if self._task is not None:
            self._wake.set()  # a shorter interval takes effect now, not after the old sleep

        def unsubscribe() -> None:
            if sub in self._subs:
                self._subs.remove(sub)
            if not self._subs:
                self.stop()

        return unsubscribe

    def request_refresh(self) -> None:
        """Refresh now, bypassing the cache's TTL (the manual refresh key)."""
        self._force = True
        self._wake.set()
        self._ensure_running()

    def stop(self) -> None:
        """Stop polling (the cache keeps the value for the next listener)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _ensure_running(self) -> None:
        if self._subs and (self._task is None or self._task.done()):
            self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        while self._subs:
            force, self._force = self._force, False
            await self.refresh_once(force=force)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)

    async def refresh_once(self, *, force: bool = False) -> Update:
        """One fetch through the cache; notifies listeners if anything visible changed."""
        try:
            entry = await self.runtime.fetch(
                self.target, self.endpoint_id, self.options, force=force
            )
            error = entry.error if entry.stale else None
            update = Update(
                self.key,
                entry,
                as_integration_error(error, self.target.integration_id) if error else None,
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # no cached value to fall back on
            error = as_integration_error(exc, self.target.integration_id)
            update = Update(self.key, self.last.entry if self.last else None, error)
        self._log_transition(update.error)
        if self._changed(update):
            self.last = update
            for sub in list(self._subs):
                try:
                    sub.listener(update)
                except Exception:  # one broken widget must not stop the others
                    log.exception("listener of %s failed", self.key)
        else:
            self.last = update
            for sub in list(self._subs):
                if sub.checked is None:
                    continue
                try:
                    sub.checked(update)
                except Exception:
                    log.exception("check listener of %s failed", self.key)
        return update

    def _changed(self, update: Update) -> bool:
        previous = self.last
        if previous is None:
            return True
        if (previous.error is None) != (update.error is None):
            return True
        if previous.error and update.error and previous.error.code != update.error.code:
            return True
        old, new = previous.entry, update.entry
        if (old is None) != (new is None):
            return True
        if old is None or new is None:
            return False
        return (
            old.stale != new.stale
            or old.value.data != new.value.data
            or old.value.alerts != new.value.alerts
        )

    def _log_transition(self, error: IntegrationError | None) -> None:
        name = f"{self.target.app_name} / {self.endpoint_id}"
        if error is not None and error.code != self._failing:
            log.warning("%s: refresh failed: %s", name, error)
            self._failing = error.code
        elif error is None and self._failing is not None:
            log.info("%s: recovered", name)
            self._failing = None


class CoordinatorHub:
    """All coordinators of a runtime, by key."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._coordinators: dict[str, Coordinator] = {}

    def coordinator(
        self, target: Target, endpoint_id: str, options: dict[str, Any] | None = None
    ) -> Coordinator:
        """The coordinator for this key, created on first use (target updated if edited)."""
        key = cache_key(target.app_id, endpoint_id, options)
        current = self._coordinators.get(key)
        if current is None:
            current = Coordinator(self.runtime, target, endpoint_id, options, key=key)
            self._coordinators[key] = current
        elif current.target != target:
            current.target = target
            current.request_refresh()
        return current

    def subscribe(
        self,
        target: Target,
        endpoint_id: str,
        listener: Listener,
        *,
        interval: float,
        options: dict[str, Any] | None = None,
        checked: Listener | None = None,
    ) -> Callable[[], None]:
        """Listen to one key; returns the unsubscribe function (``checked``: see above)."""
        return self.coordinator(target, endpoint_id, options).subscribe(
            listener, interval, checked=checked
        )

    def refresh_all(self) -> None:
        """Manual refresh of everything that is being shown."""
        for coordinator in self._coordinators.values():
            if coordinator.listening:
                coordinator.request_refresh()

    def alerts(self) -> list[Alert]:
        """Alerts of every polled key's latest data (the overlay's input), de-duplicated.

        Keys nobody listens to any more are left out: their last answer may be long outdated,
        and a condition that cleared must not linger on the banner. (The dashboard keeps every
        app's alert endpoints subscribed, so nothing critical goes unwatched.)
        """
        return unique_alerts(
            alert
            for coordinator in self._coordinators.values()
            if coordinator.last is not None and coordinator.listening
            for alert in coordinator.last.alerts
        )

    def failures(self) -> list[tuple[Target, str, IntegrationError]]:
        """Keys that are currently failing (for a status line)."""
        return [
            (c.target, c.endpoint_id, c.last.error)
            for c in self._coordinators.values()
            if c.last is not None and c.last.error is not None
        ]

    def forget_app(self, app_id: str) -> None:
        """Stop and drop every coordinator of an app (edited or removed)."""
        for key in [k for k, c in self._coordinators.items() if c.target.app_id == app_id]:
            self._coordinators.pop(key).stop()

    def stop(self) -> None:
        for coordinator in self._coordinators.values():
            coordinator.stop()
