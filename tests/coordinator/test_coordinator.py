"""The refresh coordinator: one poller per key, re-armed after completion, listeners on change."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from integrations.base import Endpoint, Integration
from integrations.errors import UnreachableError
from integrations.models import GaugeData, RendererKind
from integrations.registry import registry
from launcher_tui import coordinator as coordinator_module
from launcher_tui.coordinator import CoordinatorHub, Update
from launcher_tui.runtime import Runtime, Target
from tests.support.clock import until


class Scripted(Integration):
    """Answers from a script the test controls, counting upstream calls."""

    id = "scripted_coord"
    name = "Scripted"
    needs_url = False
    endpoints = (
        Endpoint("value", "Value", RendererKind.GAUGE, ttl=0.05),
        Endpoint("slow", "Slow", RendererKind.GAUGE, ttl=0.0),
    )

    def __init__(self) -> None:
        self.calls = 0
        self.slow_calls = 0
        self.value = 1.0
        self.fail: Exception | None = None
        self.delay = 0.0

    async def test_connection(self, ctx):  # pragma: no cover - not used here
        return "ok"

    async def fetch_value(self, ctx, options):
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        return GaugeData(label="v", value=self.value)

    async def fetch_slow(self, ctx, options):
        self.calls += 1
        self.slow_calls += 1
        await asyncio.sleep(self.delay)
        return GaugeData(label="v", value=self.calls)


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Scripted]:
    integration = registry.register(Scripted())
    monkeypatch.setattr(coordinator_module, "MIN_INTERVAL", 0.01)
    yield integration  # type: ignore[misc]
    registry.unregister(Scripted.id)


TARGET = Target(app_id="7", app_name="Box", url="", integration_id=Scripted.id)


async def test_listeners_of_one_key_share_one_upstream_call(scripted: Scripted) -> None:
    hub = CoordinatorHub(Runtime())
    seen_a: list[Update] = []
    seen_b: list[Update] = []
    stop_a = hub.subscribe(TARGET, "value", seen_a.append, interval=10)
    stop_b = hub.subscribe(TARGET, "value", seen_b.append, interval=10)
    await until(lambda: seen_a and seen_b)
    assert scripted.calls == 1
    assert seen_a[0].entry is not None and seen_a[0].entry.value.data.value == 1.0
    assert seen_b[0] is seen_a[0]
    stop_a()
    stop_b()


async def test_listeners_are_notified_only_on_change(scripted: Scripted) -> None:
    hub = CoordinatorHub(Runtime())
    seen: list[Update] = []
    stop = hub.subscribe(TARGET, "value", seen.append, interval=0.01)
    await until(lambda: scripted.calls >= 4)
    assert len(seen) == 1  # same value every time
    scripted.value = 2.0
    await until(lambda: len(seen) == 2)
    assert seen[-1].entry.value.data.value == 2.0
    stop()


async def test_polling_stops_when_the_last_listener_leaves(scripted: Scripted) -> None:
    hub = CoordinatorHub(Runtime())
    stop = hub.subscribe(TARGET, "value", lambda u: None, interval=0.01)
    await until(lambda: scripted.calls >= 2)
    stop()
    # time passes by the clock of another key's poller, not by a sleep: five of its polls
    # (at the same interval) are five chances the stopped key had to poll again
    other = hub.subscribe(TARGET, "slow", lambda u: None, interval=0.01)
    await until(lambda: scripted.slow_calls >= 1)
    value_calls = scripted.calls - scripted.slow_calls
    await until(lambda: scripted.slow_calls >= 6)
    assert scripted.calls - scripted.slow_calls == value_calls
    other()


async def test_a_fetch_slower_than_the_interval_still_completes(scripted: Scripted) -> None:
    """The trap this design avoids: ticks cancelling the fetch in flight (zero refreshes)."""
    scripted.delay = 0.1
    hub = CoordinatorHub(Runtime())
    seen: list[Update] = []
    stop = hub.subscribe(TARGET, "slow", seen.append, interval=0.01)
    await until(lambda: len(seen) >= 3)
    values = [u.entry.value.data.value for u in seen]
    assert values == sorted(values) and len(set(values)) == len(values)
    stop()


async def test_failure_keeps_last_data_marked_stale_then_recovers(
    scripted: Scripted, caplog: pytest.LogCaptureFixture
) -> None:
    hub = CoordinatorHub(Runtime())
    seen: list[Update] = []
    stop = hub.subscribe(TARGET, "value", seen.append, interval=0.01)
    await until(lambda: len(seen) == 1)
    with caplog.at_level(logging.INFO, logger="launcher_tui.coordinator"):
        scripted.fail = UnreachableError("box: connection refused")
        # ">=": the backoff starts at the (test's 10 ms) interval, so on a loaded machine the
        # second failure's update may already be there when this wait looks
        await until(lambda: len(seen) >= 2)
        failing_calls = scripted.calls
        await until(lambda: scripted.calls >= failing_calls + 3)
        stale = seen[1]
        assert stale.error is not None and stale.error.code == "cannot_connect"
        assert stale.entry is not None and stale.entry.stale
        assert stale.entry.value.data.value == 1.0  # last good value kept
        # repeated failures re-notify only to move the next attempt (backoff), same error
        retries = seen[1:]
        assert all(u.error is not None and u.error.code == "cannot_connect" for u in retries)
        attempts = [u.next_attempt for u in retries]
        assert None not in attempts and attempts == sorted(attempts)
        scripted.fail = None
        # a failed fetch may still be publishing when the script turns healthy: wait for the
        # recovery itself, then check that exactly one update carried it
        await until(lambda: seen[-1].error is None)
    recovered = [u for u in seen if u.error is None]
    assert len(recovered) == 2  # the first good value and the recovery, nothing after it
    assert seen[-1].error is None and not seen[-1].entry.stale and seen[-1].next_attempt is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    recoveries = [r for r in caplog.records if "recovered" in r.getMessage()]
    assert len(warnings) == 1 and len(recoveries) == 1
    stop()


async def test_error_without_previous_data_reaches_listeners(scripted: Scripted) -> None:
    scripted.fail = RuntimeError("bug in integration")
    hub = CoordinatorHub(Runtime())
    seen: list[Update] = []
    stop = hub.subscribe(TARGET, "value", seen.append, interval=0.01)
    await until(lambda: seen)
    assert seen[0].entry is None
    assert seen[0].error is not None and "internal error" in seen[0].error.message
    stop()


async def test_a_broken_listener_does_not_starve_the_others(scripted: Scripted) -> None:
    hub = CoordinatorHub(Runtime())
    seen: list[Update] = []

    def broken(update: Update) -> None:
        raise ValueError("widget bug")

    stop_broken = hub.subscribe(TARGET, "value", broken, interval=0.01)
    stop_ok = hub.subscribe(TARGET, "value", seen.append, interval=0.01)
    scripted.value = 5.0
    await until(lambda: any(u.entry and u.entry.value.data.value == 5.0 for u in seen))
    stop_broken()
    stop_ok()


async def test_manual_refresh_bypasses_the_ttl(scripted: Scripted) -> None:
    hub = CoordinatorHub(Runtime())
    coordinator = hub.coordinator(TARGET, "value")
    stop = coordinator.subscribe(lambda u: None, interval=60)
    await until(lambda: scripted.calls == 1)
    coordinator.request_refresh()
    await until(lambda: scripted.calls == 2)
    stop()


async def test_hub_alerts_come_only_from_keys_still_polled(scripted: Scripted) -> None:
    """A hidden board's last answer may be outdated: its alerts leave the banner with it."""
    from integrations.models import Alert, FetchResult, Severity

    async def fetch_value(ctx, options):
        scripted.calls += 1
        alert = Alert(severity=Severity.CRITICAL, message="disk full", key="disk:/")
        return FetchResult(data=GaugeData(label="v", value=1.0), alerts=[alert])

    scripted.fetch_value = fetch_value  # type: ignore[method-assign]
    hub = CoordinatorHub(Runtime())
    stop = hub.subscribe(TARGET, "value", lambda u: None, interval=10)
    await until(lambda: hub.alerts())
    assert [a.message for a in hub.alerts()] == ["disk full"]
    assert hub.alerts()[0].source == "Box"
    stop()
    assert hub.alerts() == []
