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
* a failing key backs off (:mod:`launcher_tui.backoff`): refused credentials pause the whole app
  until it is edited or the person retries (``r``), a 429/503 waits its ``Retry-After`` for the
  whole app, other errors retry with exponential backoff and jitter; :attr:`Update.next_attempt`
  tells the card when the next try is;
* listeners are notified only when what they would draw changed (data, stale flag, error);
  a listener may also pass ``checked``, called after every other check (nothing new to draw,
  but the check happened: "updated … ago" and a refresh indicator depend on it);
* polling stops when the last listener leaves (a board that is not shown costs nothing) and the
  first listener of a key starts it at once, so a board fills in one concurrent round trip.

Nothing here imports Textual: listeners are plain callables run on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from integrations.errors import IntegrationError
from integrations.models import Alert, FetchResult, unique_alerts
from launcher_tui.backoff import BackoffPolicy, Clock, SystemClock, format_wait
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
    next_attempt: float | None = None
    """Wall-clock time (``time.time``) of the next automatic attempt after a failure."""
    paused: bool = False
    """Polling of the app is stopped until it is edited or the person retries (refused login)."""

    @property
    def alerts(self) -> list[Alert]:
        """Alerts of the latest good data (kept while stale)."""
        return list(self.entry.value.alerts) if self.entry is not None else []


Listener = Callable[[Update], None]


@dataclass(frozen=True)
class Hold:
    """An app-wide stop after refused credentials (``until`` None) or a rate limit."""

    error: IntegrationError
    until: float | None  # clock.now() time when polling may resume; None = wait for the person


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
    clock: Clock = field(default_factory=SystemClock)
    policy: BackoffPolicy = field(default_factory=BackoffPolicy)
    hub: CoordinatorHub | None = None  # shares app-wide holds with the app's other keys
    failures: int = 0
    """Failed refreshes in a row (drives the backoff)."""
    retry_at: float | None = None
    """``clock.now()`` time of the next attempt while backing off, else ``None``."""
    _holds: dict[str, Hold] = field(default_factory=dict)  # used without a hub

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
        """Refresh now, bypassing the cache's TTL and any backoff (the manual refresh key).

        This is the person's retry: it lifts the app's hold after refused credentials.
        """
        if self.holds.pop(self.target.app_id, None) is not None and self.hub is not None:
            self.hub.wake_app(self.target.app_id, but=self)  # the app's other cards retry too
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

    @property
    def holds(self) -> dict[str, Hold]:
        """App-wide holds by app id (the hub's, shared by all keys of an app)."""
        return self.hub.holds if self.hub is not None else self._holds

    @property
    def hold(self) -> Hold | None:
        """The app's hold while it is in force."""
        hold = self.holds.get(self.target.app_id)
        if hold is not None and hold.until is not None and self.clock.now() >= hold.until:
            return None
        return hold

    def wake(self) -> None:
        """Re-check now (a hold was set or lifted by another key of the app)."""
        self._wake.set()

    async def _run(self) -> None:
        while self._subs:
            force, self._force = self._force, False
            self._wake.clear()
            hold = None if force else self.hold
            if hold is not None:
                self._publish(self._held_update(hold))
                delay = None if hold.until is None else hold.until - self.clock.now()
            else:
                update = await self.refresh_once(force=force)
                delay = self._delay_after(update)
            if self._force:
                continue
            await self.clock.wait(self._wake, delay)

    def _delay_after(self, update: Update) -> float | None:
        if update.error is None:
            return self.interval
        if self.retry_at is None:
            hold = self.hold
            if hold is None:
                return self.interval  # the app's hold was lifted meanwhile: poll as usual
            return None if hold.until is None else hold.until - self.clock.now()
        return self.retry_at - self.clock.now()

    def _held_update(self, hold: Hold) -> Update:
        last = self.last
        return Update(
            self.key,
            last.entry if last else None,
            hold.error,
            next_attempt=None if hold.until is None else self._wall(hold.until),
            paused=hold.until is None,
        )

    def _wall(self, at: float) -> float:
        return self.clock.time() + (at - self.clock.now())

    def _plan(self, error: IntegrationError | None) -> tuple[float | None, bool]:
        """After a refresh: record the backoff; returns (next attempt wall time, paused)."""
        if error is None:
            self.failures = 0
            self.retry_at = None
            hold = self.holds.get(self.target.app_id)
            if hold is not None and hold.until is not None:
                self._set_hold(None)  # the service answers again: lift the rate-limit wait
            return None, False
        self.failures += 1
        decision = self.policy.decide(error, self.failures, self.interval)
        if decision.app_wide:
            until = None if decision.delay is None else self.clock.now() + decision.delay
            self.retry_at = None
            self._set_hold(Hold(error, until))
            return (None if until is None else self._wall(until)), until is None
        self.retry_at = self.clock.now() + (decision.delay or 0.0)
        return self._wall(self.retry_at), False

    def _set_hold(self, hold: Hold | None) -> None:
        app_id = self.target.app_id
        if hold is None:
            self.holds.pop(app_id, None)
        else:
            self.holds[app_id] = hold
        if self.hub is not None:
            self.hub.wake_app(app_id, but=self)

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
        next_attempt, paused = self._plan(update.error)
        update = replace(update, next_attempt=next_attempt, paused=paused)
        self._log_transition(update.error, update)
        self._publish(update)
        return update

    def _publish(self, update: Update) -> None:
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

    def _changed(self, update: Update) -> bool:
        previous = self.last
        if previous is None:
            return True
        if (previous.error is None) != (update.error is None):
            return True
        if previous.error and update.error and previous.error.code != update.error.code:
            return True
        if (previous.next_attempt, previous.paused) != (update.next_attempt, update.paused):
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

    def _log_transition(self, error: IntegrationError | None, update: Update) -> None:
        name = f"{self.target.app_name} / {self.endpoint_id}"
        if error is not None and error.code != self._failing:
            then = (
                "polling of the app stopped until it is edited or retried"
                if update.paused
                else f"next attempt in {format_wait(update.next_attempt - self.clock.time())}"
                if update.next_attempt is not None
                else "next attempt at the usual interval"
            )
            log.warning("%s: refresh failed: %s (%s)", name, error, then)
            self._failing = error.code
        elif error is None and self._failing is not None:
            log.info("%s: recovered", name)
            self._failing = None


class CoordinatorHub:
    """All coordinators of a runtime, by key."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        clock: Clock | None = None,
        policy: BackoffPolicy | None = None,
    ) -> None:
        self.runtime = runtime
        self.clock = clock or SystemClock()
        self.policy = policy or BackoffPolicy()
        self.holds: dict[str, Hold] = {}
        """App-wide holds (refused credentials, rate limits) by app id."""
        self._coordinators: dict[str, Coordinator] = {}

    def coordinator(
        self, target: Target, endpoint_id: str, options: dict[str, Any] | None = None
    ) -> Coordinator:
        """The coordinator for this key, created on first use (target updated if edited)."""
        key = cache_key(target.app_id, endpoint_id, options)
        current = self._coordinators.get(key)
        if current is None:
            current = Coordinator(
                self.runtime,
                target,
                endpoint_id,
                options,
                key=key,
                clock=self.clock,
                policy=self.policy,
                hub=self,
            )
            self._coordinators[key] = current
        elif current.target != target:
            current.target = target
            current.request_refresh()  # edited: lifts the app's hold
            self.wake_app(target.app_id, but=current)
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
        """Manual refresh of everything that is being shown (lifts every hold)."""
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

    def alerting(self) -> list[Coordinator]:
        """Polled keys whose latest data raises alerts (the alert watcher keeps following
        them, so an alert a card's endpoint raised stays watched when its board is hidden)."""
        return [
            c
            for c in self._coordinators.values()
            if c.listening and c.last is not None and c.last.alerts
        ]

    def failures(self) -> list[tuple[Target, str, IntegrationError]]:
        """Keys that are currently failing (for a status line)."""
        return [
            (c.target, c.endpoint_id, c.last.error)
            for c in self._coordinators.values()
            if c.last is not None and c.last.error is not None
        ]

    def wake_app(self, app_id: str, *, but: Coordinator | None = None) -> None:
        """Let every key of an app re-check its hold now."""
        for coordinator in self._coordinators.values():
            if coordinator.target.app_id == app_id and coordinator is not but:
                coordinator.wake()

    def retry_app(self, app_id: str) -> None:
        """The person's retry of a held app: lift the hold and refresh its shown keys."""
        self.holds.pop(app_id, None)
        for coordinator in self._coordinators.values():
            if coordinator.target.app_id == app_id and coordinator.listening:
                coordinator.request_refresh()

    def forget_app(self, app_id: str) -> None:
        """Stop and drop every coordinator of an app (edited or removed); lifts its hold."""
        self.holds.pop(app_id, None)
        for key in [k for k, c in self._coordinators.items() if c.target.app_id == app_id]:
            self._coordinators.pop(key).stop()

    def stop(self) -> None:
        for coordinator in self._coordinators.values():
            coordinator.stop()
