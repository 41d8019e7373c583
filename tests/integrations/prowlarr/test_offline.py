"""Prowlarr (API v1): indexer stats, indexers with their status, health."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError, BadResponseError
from launcher_tui.runtime import Runtime, Target
from tests.integrations.sonarr.support import serve_arr
from tests.support.loopback import LoopbackServer

KEY = "prowlarrkey"
API = "/api/v1"

INDEXERS = [
    {"id": 1, "name": "NZBgeek", "enable": True, "protocol": "usenet", "priority": 25},
    {"id": 2, "name": "1337x", "enable": True, "protocol": "torrent", "priority": 10},
    {"id": 3, "name": "OldTracker", "enable": False, "protocol": "torrent", "priority": 50},
]
STATS = {
    "id": 1,
    "indexers": [
        {"indexerId": 1, "indexerName": "NZBgeek", "numberOfQueries": 120, "numberOfGrabs": 30,
         "numberOfFailedQueries": 2, "numberOfFailedGrabs": 1, "averageResponseTime": 310},
        {"indexerId": 2, "indexerName": "1337x", "numberOfQueries": 80, "numberOfGrabs": 5,
         "numberOfFailedQueries": 0, "numberOfFailedGrabs": 0, "averageResponseTime": 900},
    ],
    "userAgents": [],
    "hosts": [],
}  # fmt: skip


@pytest.fixture
def prowlarr(loopback: LoopbackServer) -> LoopbackServer:
    routes = {
        "/system/status": {"appName": "Prowlarr", "version": "1.32.2.4987"},
        "/indexer": INDEXERS,
        "/indexerstats": STATS,
        "/indexerstatus": [
            {
                "indexerId": 2,
                "disabledTill": "2099-01-01T00:00:00Z",
                "mostRecentFailure": "2025-01-01T00:00:00Z",
            }
        ],
        "/health": [
            {
                "source": "IndexerStatusCheck",
                "type": "error",
                "message": "All indexers are unavailable",
            }
        ],
    }
    return serve_arr(loopback, API, KEY, routes)


def target(url: str, key: str = KEY) -> Target:
    return Target("p", "Prowlarr", url, "prowlarr", config={"api_key": key})


async def test_connection(runtime: Runtime, prowlarr: LoopbackServer) -> None:
    assert (await runtime.test_connection(target(prowlarr.url))).summary == "Prowlarr 1.32.2.4987"
    assert isinstance((await runtime.test_connection(target(prowlarr.url, "no"))).error, AuthError)


async def test_stats_sum_over_indexers(runtime: Runtime, prowlarr: LoopbackServer) -> None:
    stats = (await runtime.fetch(target(prowlarr.url), "stats")).value.data.stats
    assert [(s.label, s.value) for s in stats] == [("Grabs", 35), ("Queries", 200), ("Failures", 3)]
    assert stats[2].level == "warning"


async def test_indexers_with_status(runtime: Runtime, prowlarr: LoopbackServer) -> None:
    rows = (await runtime.fetch(target(prowlarr.url), "indexers")).value.data.rows
    assert [(r.title, r.status) for r in rows] == [
        ("1337x", "failing"),
        ("NZBgeek", "enabled"),
        ("OldTracker", "disabled"),
    ]
    assert rows[0].detail == "torrent · priority 10"


async def test_health(runtime: Runtime, prowlarr: LoopbackServer) -> None:
    [alert] = (await runtime.fetch(target(prowlarr.url), "health")).value.alerts
    assert (alert.severity, alert.source) == ("critical", "Prowlarr")


async def test_wrong_shape(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.json("GET", f"{API}/indexerstats", [{"unexpected": True}])
    with pytest.raises(BadResponseError, match="indexer stats"):
        await runtime.fetch(target(loopback.url), "stats")
