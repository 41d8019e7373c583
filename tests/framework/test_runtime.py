"""Runtime: contexts per app, rebuilds on config change, typed failures, alert sources."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from pydantic import Field

from integrations.base import Context, Endpoint, Integration, IntegrationConfig
from integrations.errors import AuthError, ConfigError, IntegrationError
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    RendererKind,
    Severity,
    Stat,
    StatData,
)
from integrations.registry import Registry
from launcher_tui.runtime import Runtime, Target
from tests.support.clock import until
from tests.support.tasks import others_running


class DemoConfig(IntegrationConfig):
    level: int = Field(1, ge=0, title="Level", description="A setting that changes answers.")


class Demo(Integration):
    id = "demo"
    name = "Demo"
    config_model = DemoConfig
    endpoints = (
        Endpoint("value", "Value", RendererKind.STAT, ttl=60),
        Endpoint("alarms", "Alarms", RendererKind.ALERT, ttl=60),
        Endpoint("crash", "Crash", RendererKind.STAT),
        Endpoint("wrong_kind", "Wrong kind", RendererKind.GAUGE),
        Endpoint("refused", "Refused", RendererKind.STAT),
        Endpoint("slow", "Slow", RendererKind.STAT, ttl=60),
    )

    def __init__(self) -> None:
        self.calls = 0
        self.closed: list[str] = []
        self.gate = asyncio.Event()
        self.gate.set()  # tests clear it to hold "slow" calls in flight
        self.slow: list[str] = []  # what each "slow" call did: started / cancelled

    async def test_connection(self, ctx: Context) -> str:
        raise KeyError("oops")

    async def fetch_value(self, ctx: Context, options: None) -> StatData:
        self.calls += 1
        ctx.on_close(lambda: self._closed(ctx))
        return StatData(stats=[Stat(label="level", value=ctx.config.level)])

    async def _closed(self, ctx: Context) -> None:
        self.closed.append(ctx.app_id)

    async def fetch_alarms(self, ctx: Context, options: None) -> FetchResult:
        alerts = [
            Alert(severity=Severity.WARNING, message="hot", key="temp"),
            Alert(severity=Severity.INFO, message="note", key="note", source="upstream"),
        ]
        return FetchResult(data=AlertData(alerts=alerts), alerts=alerts)

    async def fetch_crash(self, ctx: Context, options: None) -> StatData:
        raise ZeroDivisionError("division by zero")

    async def fetch_wrong_kind(self, ctx: Context, options: None) -> StatData:
        return StatData(stats=[])

    async def fetch_refused(self, ctx: Context, options: None) -> StatData:
        raise AuthError("demo: bad key", integration="demo")

    async def fetch_slow(self, ctx: Context, options: None) -> StatData:
        self.slow.append("started")
        try:
            await self.gate.wait()
        except asyncio.CancelledError:
            self.slow.append("cancelled")
            raise
        return StatData(stats=[Stat(label="level", value=ctx.config.level)])


@pytest.fixture
def demo() -> Demo:
    return Demo()


@pytest.fixture
async def runtime(demo: Demo) -> AsyncIterator[Runtime]:
    registry = Registry()
    registry.register(demo)
    rt = Runtime(registry=registry)
    yield rt
    await rt.aclose()


def target(app_id: str = "1", name: str = "Box", **config: object) -> Target:
    return Target(
        app_id=app_id, app_name=name, url="http://x", integration_id="demo", config=config
    )


async def test_context_is_reused_per_app(runtime: Runtime) -> None:
    first = runtime.context(target())
    assert runtime.context(target()) is first
    assert runtime.context(target("2")) is not first
    first.state["session"] = "kept"
    assert runtime.context(target()).state["session"] == "kept"


async def test_config_change_rebuilds_the_context_and_drops_its_cache(
    runtime: Runtime, demo: Demo
) -> None:
    assert (await runtime.fetch(target(level=1), "value")).value.data.stats[0].value == 1
    await runtime.fetch(target("2"), "value")
    old = runtime.context(target(level=1))
    assert demo.calls == 2
    # same app, new settings: the cached value (still fresh) must not be served
    entry = await runtime.fetch(target(level=5), "value")
    assert entry.value.data.stats[0].value == 5 and demo.calls == 3
    assert runtime.context(target(level=5)) is not old
    assert runtime.cache.peek("2:value") is not None  # other apps keep their data
    await runtime.aclose()
    assert "1" in demo.closed  # the replaced context was closed


async def test_a_fetch_in_flight_with_old_settings_is_not_joined_after_a_change(
    runtime: Runtime, demo: Demo
) -> None:
    demo.gate.clear()
    old = asyncio.ensure_future(runtime.fetch(target(level=1), "slow"))
    await until(lambda: demo.slow == ["started"])
    new = asyncio.ensure_future(runtime.fetch(target(level=5), "slow"))
    await until(lambda: len(demo.slow) == 2)  # a call of its own, not the old one joined
    demo.gate.set()
    assert (await new).value.data.stats[0].value == 5
    assert (await old).value.data.stats[0].value == 1  # its own caller still gets an answer
    cached = runtime.cache.peek("1:slow")
    assert cached is not None and cached.value.data.stats[0].value == 5


async def test_closing_ends_fetches_whose_callers_gave_up(runtime: Runtime, demo: Demo) -> None:
    demo.gate.clear()
    caller = asyncio.ensure_future(runtime.fetch(target(), "slow"))
    await until(lambda: demo.slow == ["started"])
    caller.cancel()  # the widget went away; the shared call carries on without it
    await runtime.aclose()
    assert demo.slow == ["started", "cancelled"]
    assert others_running() == []


async def test_plain_exceptions_become_integration_errors(runtime: Runtime) -> None:
    with pytest.raises(IntegrationError, match="internal error \\(ZeroDivisionError") as info:
        await runtime.fetch(target(), "crash")
    assert info.value.code == "error" and "bug in the integration" in info.value.hint
    with pytest.raises(IntegrationError, match="returned StatData, expected GaugeData"):
        await runtime.fetch(target(), "wrong_kind")
    outcome = await runtime.test_connection(target())
    assert not outcome.ok and "KeyError" in outcome.error.message
    assert outcome.to_dict()["error"]["code"] == "error"


async def test_typed_errors_pass_through(runtime: Runtime) -> None:
    with pytest.raises(AuthError):
        await runtime.fetch(target(), "refused")
    with pytest.raises(ConfigError, match="level"):
        await runtime.fetch(target(level=-1), "value")


async def test_alerts_get_the_app_name_as_source(runtime: Runtime) -> None:
    entry = await runtime.fetch(target(name="Media box"), "alarms")
    assert [(a.key, a.source) for a in entry.value.alerts] == [
        ("temp", "Media box"),
        ("note", "upstream"),  # an alert that names its source keeps it
    ]
    assert [a.source for a in entry.value.data.alerts] == ["Media box", "upstream"]


async def test_stale_value_after_a_failure(runtime: Runtime, demo: Demo) -> None:
    await runtime.fetch(target(), "value")

    async def broken(ctx: Context, options: None) -> StatData:
        raise RuntimeError("service hiccup")

    demo.fetch_value = broken  # type: ignore[method-assign]
    entry = await runtime.fetch(target(), "value", force=True)
    assert entry.stale and isinstance(entry.error, IntegrationError)
    assert "service hiccup" in str(entry.error)


async def test_forget_drops_context_and_cache(runtime: Runtime, demo: Demo) -> None:
    await runtime.fetch(target(), "value")
    await runtime.forget("1")
    assert runtime.cache.peek("1:value") is None and demo.closed == ["1"]


async def test_check_alerts_keeps_alerts_of_endpoints_that_answered() -> None:
    """One failing endpoint must not hide the critical alert another endpoint raised."""
    from integrations.base import Endpoint, Integration
    from integrations.errors import UnreachableError
    from integrations.models import Alert, AlertData, FetchResult, RendererKind, Severity
    from integrations.registry import registry
    from launcher_tui.runtime import Runtime, Target

    class Half(Integration):
        id = "half_broken"
        name = "Half"
        needs_url = False
        endpoints = (
            Endpoint("good", "Good", RendererKind.ALERT),
            Endpoint("bad", "Bad", RendererKind.ALERT),
            Endpoint("again", "Again", RendererKind.ALERT),
        )

        async def fetch_good(self, ctx, options):
            alert = Alert(severity=Severity.CRITICAL, message="disk full", key="disk:/")
            return FetchResult(data=AlertData(alerts=[alert]), alerts=[alert])

        async def fetch_bad(self, ctx, options):
            raise UnreachableError("half: refused")

        async def fetch_again(self, ctx, options):
            return await self.fetch_good(ctx, options)  # the same condition seen twice

    registry.register(Half(), replace=True)
    runtime = Runtime()
    try:
        check = await runtime.check_alerts(Target("9", "NAS", "", "half_broken"))
        assert [a.message for a in check.alerts] == ["disk full"]
        assert check.alerts[0].source == "NAS"
        assert list(check.failures) == ["bad"]
        assert check.failures["bad"].code == "cannot_connect"
        with pytest.raises(UnreachableError):
            await runtime.alerts(Target("9", "NAS", "", "half_broken"))
    finally:
        registry.unregister("half_broken")
        await runtime.aclose()


def test_unique_alerts_keeps_one_per_condition_and_the_worst_report() -> None:
    """Two cards (or endpoints) reporting one condition show once, at its worst severity."""
    from integrations.models import Alert, Severity, unique_alerts

    warn = Alert(severity=Severity.WARNING, message="disk 91 %", key="disk:/", source="NAS")
    crit = Alert(severity=Severity.CRITICAL, message="disk 96 %", key="disk:/", source="NAS")
    other_app = Alert(severity=Severity.WARNING, message="disk 91 %", key="disk:/", source="Pi")
    keyless = Alert(severity=Severity.INFO, message="update available", source="NAS")
    kept = unique_alerts([warn, keyless, crit, other_app, keyless, warn])
    assert kept == [crit, keyless, other_app]
