"""qBittorrent integration against a real qbittorrent-nox (tests/live/services/qbittorrent.py).

Run as root in a private network namespace:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/qbittorrent -q'``
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Target
from tests.integrations._downloads.helpers import pause_all_then_resume_all, statuses
from tests.live.harness import RunningService, http_client, service_fixture

pytestmark = pytest.mark.live("qbittorrent")
qbittorrent = service_fixture("qbittorrent")


def app(svc: RunningService, **config: Any) -> Target:
    return Target("qb-live", "qBittorrent", svc.url, "qbittorrent", {**svc.credentials, **config})


async def test_connection_good_and_bad(runtime, qbittorrent):
    outcome = await runtime.test_connection(app(qbittorrent))
    assert outcome.ok, outcome.error
    assert re.fullmatch(r"qBittorrent v\d+\.\d+\.\d+\S* \(Web API \d+\.\d+\S*\)", outcome.summary)
    bad = await runtime.test_connection(app(qbittorrent, password="not-the-password"))
    assert isinstance(bad.error, AuthError)


async def test_speeds_and_history(runtime, qbittorrent):
    stats = {s.label: s for s in (await runtime.fetch(app(qbittorrent), "speeds")).value.data.stats}
    assert (stats["Leeching"].value, stats["Seeding"].value) == (1, 1)
    assert isinstance(stats["Upload"].value, int) and stats["Upload"].unit == "B/s"
    chart = (await runtime.fetch(app(qbittorrent), "speed_history")).value.data
    assert [s.name for s in chart.series] == ["Download", "Upload"]


async def test_torrents_and_progress(runtime, qbittorrent):
    extra = qbittorrent.extra
    rows = statuses((await runtime.fetch(app(qbittorrent), "torrents")).value.data)
    assert rows == {extra["seeding_torrent"]: "Seeding", extra["stalled_torrent"]: "Stalled"}
    [item] = (await runtime.fetch(app(qbittorrent), "progress")).value.data.items
    assert item.label == extra["stalled_torrent"] and item.percent == 0.0


async def test_logged_out_session_logs_in_again(runtime, qbittorrent):
    target = app(qbittorrent)
    await runtime.fetch(target, "speeds")
    cookies = dict(runtime.context(target).http.cookies)
    assert "SID" in cookies
    with http_client(base_url=qbittorrent.url, cookies=cookies) as other:
        assert other.post("/api/v2/auth/logout").status_code == 200  # the server drops our SID
    data = (await runtime.fetch(target, "speeds", force=True)).value.data
    assert len(data.stats) == 4
    assert dict(runtime.context(target).http.cookies)["SID"] != cookies["SID"]


async def test_pause_all_then_resume_all(runtime, qbittorrent):
    await pause_all_then_resume_all(runtime, app(qbittorrent), qbittorrent.extra)
