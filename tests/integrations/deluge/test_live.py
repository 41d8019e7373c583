"""Deluge integration against real deluged + deluge-web 2.0.3 (tests/live/services/deluge.py).

Run as root in a private network namespace:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/deluge -q'``
"""

from __future__ import annotations

from typing import Any

import pytest

from integrations.deluge.integration import call
from integrations.errors import AuthError
from launcher_tui.runtime import Target
from tests.integrations._downloads.helpers import pause_all_then_resume_all, statuses
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("deluge")
deluge = service_fixture("deluge")


def app(svc: RunningService, **config: Any) -> Target:
    return Target("dl-live", "Deluge", svc.url, "deluge", {**svc.credentials, **config})


async def test_connection_good_and_bad(runtime, deluge):
    outcome = await runtime.test_connection(app(deluge))
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith("Deluge 2.")
    bad = await runtime.test_connection(app(deluge, password="not-the-password"))
    assert isinstance(bad.error, AuthError)


async def test_speeds_and_history(runtime, deluge):
    stats = {s.label: s for s in (await runtime.fetch(app(deluge), "speeds")).value.data.stats}
    assert (stats["Leeching"].value, stats["Seeding"].value) == (1, 1)
    assert stats["Download"].unit == "B/s" and stats["Download"].value >= 0
    chart = (await runtime.fetch(app(deluge), "speed_history")).value.data
    assert [s.name for s in chart.series] == ["Download", "Upload"]


async def test_torrents_and_progress(runtime, deluge):
    extra = deluge.extra
    rows = statuses((await runtime.fetch(app(deluge), "torrents")).value.data)
    assert rows == {extra["seeding_torrent"]: "Seeding", extra["stalled_torrent"]: "Stalled"}
    [item] = (await runtime.fetch(app(deluge), "progress")).value.data.items
    assert item.label == extra["stalled_torrent"] and item.percent == 0.0


async def test_reconnects_a_disconnected_web_ui(runtime, deluge):
    target = app(deluge)
    ctx = runtime.context(target)
    assert await call(ctx, "web.disconnect")
    assert await call(ctx, "web.connected") is False
    rows = (await runtime.fetch(target, "torrents", force=True)).value.data.rows
    assert len(rows) == 2
    assert await call(ctx, "web.connected") is True


async def test_pause_all_then_resume_all(runtime, deluge):
    await pause_all_then_resume_all(runtime, app(deluge), deluge.extra)
