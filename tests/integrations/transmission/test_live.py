"""Transmission integration against a real transmission-daemon (tests/live/services/transmission.py).

Run as root in a private network namespace:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/transmission -q'``
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Target
from tests.integrations._downloads.helpers import pause_all_then_resume_all, statuses
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("transmission")
transmission = service_fixture("transmission")


def app(svc: RunningService, **config: Any) -> Target:
    return Target("tr-live", "Transmission", svc.url, "transmission", {**svc.credentials, **config})


async def test_connection_good_and_bad(runtime, transmission):
    outcome = await runtime.test_connection(app(transmission))
    assert outcome.ok, outcome.error
    assert re.fullmatch(r"Transmission \d+\.\d+.* \(RPC \d+\)", outcome.summary)
    bad = await runtime.test_connection(app(transmission, password="not-the-password"))
    assert isinstance(bad.error, AuthError)


async def test_speeds_and_history(runtime, transmission):
    stats = {
        s.label: s for s in (await runtime.fetch(app(transmission), "speeds")).value.data.stats
    }
    assert (stats["Leeching"].value, stats["Seeding"].value) == (1, 1)
    assert isinstance(stats["Download"].value, int) and stats["Download"].unit == "B/s"
    chart = (await runtime.fetch(app(transmission), "speed_history")).value.data
    assert [s.name for s in chart.series] == ["Download", "Upload"]


async def test_torrents_and_progress(runtime, transmission):
    extra = transmission.extra
    result = (await runtime.fetch(app(transmission), "torrents")).value
    assert statuses(result.data) == {
        extra["seeding_torrent"]: "Seeding",
        extra["stalled_torrent"]: "Stalled",
    }
    assert result.alerts == []
    [item] = (await runtime.fetch(app(transmission), "progress")).value.data.items
    assert item.label == extra["stalled_torrent"] and item.percent == 0.0


async def test_pause_all_then_resume_all(runtime, transmission):
    await pause_all_then_resume_all(runtime, app(transmission), transmission.extra)
