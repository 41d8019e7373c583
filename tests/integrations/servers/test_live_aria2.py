"""aria2 against the real daemon: one download held at 50 %, one added paused; pause/resume all."""

from __future__ import annotations

import asyncio

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("aria2")
aria2 = service_fixture("aria2")


async def test_connection_good_and_refused(aria2: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(aria2, "aria2"))
    assert outcome.ok and outcome.summary.startswith("aria2 1."), outcome.error
    for secret in ("wrong", None):
        refused = await runtime.test_connection(app(aria2, "aria2", secret=secret))
        assert isinstance(refused.error, AuthError)


async def test_status_and_queue(aria2: RunningService, runtime: Runtime) -> None:
    got = stats(await fetch(runtime, app(aria2, "aria2"), "status"))
    assert (got["Active"], got["Waiting"], got["Upload"]) == (1, 1, 0)
    assert got["Download"] >= 0
    items = {i.label: i for i in (await fetch(runtime, app(aria2, "aria2"), "queue")).data.items}
    assert set(items) == {aria2.extra["active_name"], aria2.extra["paused_name"]}
    assert items[aria2.extra["active_name"]].percent == 50.0
    assert items[aria2.extra["paused_name"]].percent == 0.0
    chart = (await fetch(runtime, app(aria2, "aria2"), "speed_history")).data
    assert len(chart.series) == 2


async def until_active(runtime: Runtime, svc: RunningService, count: int) -> dict[str, object]:
    """Poll the status card until aria2 reports ``count`` active downloads (pause is async)."""
    for _ in range(300):
        got = stats(await fetch(runtime, app(svc, "aria2"), "status"))
        if got["Active"] == count:
            return got
        await asyncio.sleep(0.1)
    raise AssertionError(f"aria2 never reported {count} active downloads: {got}")


async def test_pause_and_resume_all(aria2: RunningService, runtime: Runtime) -> None:
    target = app(aria2, "aria2")
    assert await runtime.run_action(target, "pause_all") == "aria2: all downloads paused"
    paused = await until_active(runtime, aria2, 0)
    assert paused["Waiting"] == 2
    assert await runtime.run_action(target, "resume_all") == "aria2: all downloads resumed"
    resumed = await until_active(runtime, aria2, 2)  # the one added paused starts too
    assert resumed["Waiting"] == 0
