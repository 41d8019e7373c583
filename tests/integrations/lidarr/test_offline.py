"""Lidarr (API v1) on the shared *arr code."""

from __future__ import annotations

import pytest

from launcher_tui.runtime import Runtime, Target
from tests.integrations.sonarr.support import serve_arr
from tests.support.loopback import LoopbackServer

KEY = "lidarrkey"
API = "/api/v1"


@pytest.fixture
def lidarr(loopback: LoopbackServer) -> LoopbackServer:
    artist = {"id": 1, "artistName": "Massive Attack"}
    routes = {
        "/system/status": {"appName": "Lidarr", "version": "2.9.6.4552"},
        "/wanted/missing": {"totalRecords": 12, "records": []},
        "/queue/status": {"totalCount": 0, "count": 0},
        "/artist": [artist],
        "/queue": {
            "totalRecords": 1,
            "records": [
                {
                    "artist": artist,
                    "album": {"title": "Mezzanine"},
                    "title": "Massive Attack - Mezzanine (1998) [FLAC]",
                    "size": 400,
                    "sizeleft": 100,
                    "timeleft": "00:01:05",
                    "status": "downloading",
                    "trackedDownloadState": "downloading",
                }
            ],
        },
        "/calendar": [
            {"title": "Heligoland", "releaseDate": "2030-02-08T00:00:00Z", "artist": artist}
        ],
        "/health": [
            {"source": "ImportListStatusCheck", "type": "warning", "message": "Lists down"}
        ],
    }
    return serve_arr(loopback, API, KEY, routes)


async def test_lidarr_endpoints(runtime: Runtime, lidarr: LoopbackServer) -> None:
    t = Target("l", "Lidarr", lidarr.url, "lidarr", config={"api_key": KEY})
    assert (await runtime.test_connection(t)).summary == "Lidarr 2.9.6.4552"
    stats = (await runtime.fetch(t, "counts")).value.data.stats
    assert [(s.label, s.value) for s in stats] == [("Wanted", 12), ("Queued", 0), ("Artists", 1)]
    [row] = (await runtime.fetch(t, "queue")).value.data.rows
    assert row.title == "Massive Attack - Mezzanine" and row.detail == "75 % · 1m 05s left"
    [entry] = (await runtime.fetch(t, "calendar")).value.data.rows
    assert entry.title == "Massive Attack - Heligoland"
    [alert] = (await runtime.fetch(t, "health")).value.alerts
    assert (alert.severity, alert.key) == ("warning", "health:ImportListStatusCheck")
    assert all(r.path.startswith("/api/v1/") for r in lidarr.requests)
