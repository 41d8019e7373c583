"""Radarr (API v3) on the shared *arr code: movie titles, release calendar, library count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime, Target
from tests.integrations.sonarr.support import serve_arr
from tests.support.loopback import LoopbackServer

KEY = "radarrkey"
API = "/api/v3"


def iso(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def radarr(loopback: LoopbackServer) -> LoopbackServer:
    dune = {"id": 1, "title": "Dune: Part Two", "year": 2024, "hasFile": True, "monitored": True}
    routes = {
        "/system/status": {"appName": "Radarr", "version": "5.21.1.9799"},
        "/wanted/missing": {"page": 1, "pageSize": 1, "totalRecords": 7, "records": []},
        "/queue/status": {"totalCount": 1, "count": 1, "errors": True, "warnings": False},
        "/movie": [dune, {"id": 2, "title": "Mickey 17", "year": 2025, "hasFile": False}],
        "/queue": {
            "totalRecords": 1,
            "records": [
                {
                    "movieId": 2,
                    "movie": {"id": 2, "title": "Mickey 17", "year": 2025},
                    "title": "Mickey.17.2025.2160p.WEB",
                    "size": 20e9,
                    "sizeleft": 15e9,
                    "timeleft": "1.02:03:04",
                    "status": "downloading",
                    "trackedDownloadStatus": "error",
                    "trackedDownloadState": "downloading",
                    "errorMessage": "Download client unavailable",
                    "id": 5,
                }
            ],
        },
        "/calendar": [
            {
                "title": "Mickey 17",
                "year": 2025,
                "hasFile": False,
                "inCinemas": iso(-40),
                "digitalRelease": iso(3),
                "physicalRelease": iso(20),
            }
        ],
        "/health": [],
    }
    return serve_arr(loopback, API, KEY, routes)


def target(url: str, key: str = KEY) -> Target:
    return Target("r", "Radarr", url, "radarr", config={"api_key": key})


async def test_connection_and_auth(runtime: Runtime, radarr: LoopbackServer) -> None:
    assert (await runtime.test_connection(target(radarr.url))).summary == "Radarr 5.21.1.9799"
    assert isinstance((await runtime.test_connection(target(radarr.url, "x"))).error, AuthError)


async def test_counts_use_movies(runtime: Runtime, radarr: LoopbackServer) -> None:
    stats = (await runtime.fetch(target(radarr.url), "counts")).value.data.stats
    assert [(s.label, s.value) for s in stats] == [("Wanted", 7), ("Queued", 1), ("Movies", 2)]
    assert stats[1].level == "critical"


async def test_queue_names_the_movie(runtime: Runtime, radarr: LoopbackServer) -> None:
    [row] = (await runtime.fetch(target(radarr.url), "queue")).value.data.rows
    assert row.title == "Mickey 17 (2025)"
    assert row.detail == "25 % · 1d 2h left · Download client unavailable"
    assert row.level == "critical"
    [bar] = (await runtime.fetch(target(radarr.url), "queue_progress")).value.data.items
    assert bar.eta_seconds == 93784.0
    assert radarr.requests_to(f"{API}/queue")[0].param("includeMovie") == "true"


async def test_calendar_shows_the_next_release(runtime: Runtime, radarr: LoopbackServer) -> None:
    [row] = (await runtime.fetch(target(radarr.url), "calendar")).value.data.rows
    assert row.title == "Mickey 17 (2025)"
    assert row.detail.startswith("Digital · ")
