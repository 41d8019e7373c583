"""Readarr (API v1) on the shared *arr code."""

from __future__ import annotations

import pytest

from integrations.errors import BadResponseError
from launcher_tui.runtime import Runtime, Target
from tests.integrations.sonarr.support import serve_arr
from tests.support.loopback import LoopbackServer

KEY = "readarrkey"
API = "/api/v1"


@pytest.fixture
def readarr(loopback: LoopbackServer) -> LoopbackServer:
    author = {"id": 1, "authorName": "Ursula K. Le Guin"}
    routes = {
        "/system/status": {"appName": "Readarr", "version": "0.4.18.2805"},
        "/wanted/missing": {"totalRecords": 4, "records": []},
        "/queue/status": {"totalCount": 1, "count": 1},
        "/author": [author, {"id": 2, "authorName": "Iain M. Banks"}],
        "/queue": {
            "totalRecords": 1,
            "records": [
                {"author": author, "book": {"title": "The Dispossessed"}, "size": 10, "sizeleft": 5}
            ],
        },
        "/calendar": [
            {"title": "Always Coming Home", "releaseDate": "2030-01-01T00:00:00Z", "author": author}
        ],
        "/health": [],
    }
    return serve_arr(loopback, API, KEY, routes)


async def test_readarr_endpoints(runtime: Runtime, readarr: LoopbackServer) -> None:
    t = Target("b", "Readarr", readarr.url, "readarr", config={"api_key": KEY})
    assert (await runtime.test_connection(t)).summary == "Readarr 0.4.18.2805"
    stats = (await runtime.fetch(t, "counts")).value.data.stats
    assert [(s.label, s.value) for s in stats] == [("Wanted", 4), ("Queued", 1), ("Authors", 2)]
    [row] = (await runtime.fetch(t, "queue_progress")).value.data.items
    assert (row.label, row.percent) == ("Ursula K. Le Guin - The Dispossessed", 50.0)
    [entry] = (await runtime.fetch(t, "calendar")).value.data.rows
    assert entry.title == "Ursula K. Le Guin - Always Coming Home"
    assert readarr.requests_to(f"{API}/calendar")[0].param("includeAuthor") == "true"


async def test_sonarr_app_pointed_at_readarr_is_named(
    runtime: Runtime, readarr: LoopbackServer
) -> None:
    # the same API key header and paths, but another app answering: say so
    readarr.json("GET", "/api/v3/system/status", {"appName": "Readarr", "version": "0.4.18"})
    outcome = await runtime.test_connection(
        Target("s", "Sonarr", readarr.url, "sonarr", config={"api_key": KEY})
    )
    assert isinstance(outcome.error, BadResponseError)
    assert "Readarr" in outcome.error.message
