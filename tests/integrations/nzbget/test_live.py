"""NZBGet integration against a real nzbget 21 (tests/live/services/nzbget.py).

Run as root in a private network namespace:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/nzbget -q'``
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("nzbget")
nzbget = service_fixture("nzbget")


def app(svc: RunningService, **config: Any) -> Target:
    return Target("nz-live", "NZBGet", svc.url, "nzbget", {**svc.credentials, **config})


async def state(runtime: Runtime, target: Target) -> dict[str, Any]:
    data = (await runtime.fetch(target, "status", force=True)).value.data
    return {s.label: s.value for s in data.stats}


async def test_connection_good_and_bad(runtime, nzbget):
    outcome = await runtime.test_connection(app(nzbget))
    assert outcome.ok, outcome.error
    assert re.fullmatch(r"NZBGet \d+\.\d+\S*", outcome.summary)
    bad = await runtime.test_connection(app(nzbget, password="not-the-password"))
    assert isinstance(bad.error, AuthError)


async def test_status_and_history(runtime, nzbget):
    stats = await state(runtime, app(nzbget))
    assert set(stats) == {"Download", "Remaining", "Downloaded", "State"}
    assert stats["Download"] == 0 and stats["State"] in ("Idle", "Paused")
    chart = (await runtime.fetch(app(nzbget), "speed_history")).value.data
    assert [s.name for s in chart.series] == ["Download"]


async def test_queue_lists_the_paused_nzb(runtime, nzbget):
    result = (await runtime.fetch(app(nzbget), "queue")).value
    [item] = result.data.items
    assert item.label == nzbget.extra["queued_nzb"]
    assert item.detail == "Paused" and item.percent == 0.0 and item.eta_seconds is None
    assert result.alerts == []


async def test_pause_all_then_resume_all(runtime, nzbget):
    target = app(nzbget)
    assert "paused" in await runtime.run_action(target, "pause_all")
    assert (await state(runtime, target))["State"] == "Paused"
    assert "resumed" in await runtime.run_action(target, "resume_all")
    assert (await state(runtime, target))["State"] != "Paused"
