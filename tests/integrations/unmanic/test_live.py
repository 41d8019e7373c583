"""Unmanic against the real server (tests/live/services/unmanic.py): two tasks pending, no workers."""

from __future__ import annotations

import dataclasses

import pytest

from integrations.errors import BadResponseError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("unmanic")
unmanic = service_fixture("unmanic")


async def test_connection(unmanic: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(unmanic, "unmanic"))
    assert outcome.ok and outcome.summary.startswith("Unmanic 0.4."), outcome.error
    elsewhere = dataclasses.replace(app(unmanic, "unmanic"), url=unmanic.url + "/not-unmanic")
    # Unmanic redirects any unknown path to its dashboard page: HTML, not the API
    assert isinstance((await runtime.test_connection(elsewhere)).error, BadResponseError)


async def test_summary_and_pending(unmanic: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(unmanic, "unmanic"), "summary")
    pending = unmanic.extra["pending"]
    assert stats(result) == {"Workers": "0/0", "Paused": 0, "Pending": len(pending),
                             "Completed": 0, "Failed": 0}  # fmt: skip
    assert result.alerts == []
    listed = (await fetch(runtime, app(unmanic, "unmanic"), "pending")).data
    # in Unmanic's own queue order (the newest task has the higher priority)
    assert sorted(r.title for r in listed.rows) == sorted(pending) and listed.total == len(pending)
    assert all(
        r.status == "pending" and r.detail.startswith(unmanic.extra["library"]) for r in listed.rows
    )


async def test_pause_and_resume_all(unmanic: RunningService, runtime: Runtime) -> None:
    target = app(unmanic, "unmanic")
    assert await runtime.run_action(target, "pause_all") == "Unmanic: all workers paused"
    assert await runtime.run_action(target, "resume_all") == "Unmanic: all workers resumed"
    assert stats(await fetch(runtime, target, "summary"))["Pending"] == len(
        unmanic.extra["pending"]
    )
