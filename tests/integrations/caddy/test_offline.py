"""Caddy against a loopback server answering with responses recorded from Caddy 2.6's admin API.

The recording has one healthy upstream and one that is down with 4 passive-check failures
under ``max_fails: 5``: Caddy still routes to it, so it is "failing" (warning), not yet
"unhealthy" (critical).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from integrations.caddy.integration import max_fails_by_address
from integrations.errors import BadResponseError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
UP, DOWN = "127.0.0.1:49455", "127.0.0.1:9"


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def serve(loopback: LoopbackServer, upstreams: Any = None) -> None:
    loopback.json(
        "GET",
        "/reverse_proxy/upstreams",
        body("reverse-proxy-upstreams") if upstreams is None else upstreams,
    )
    loopback.json("GET", "/config/apps/http/servers", body("config")["apps"]["http"]["servers"])


def target(app_url: str, api_url: str | None = None) -> Target:
    config = {"api_url": api_url} if api_url else {}
    return Target("c", "Caddy", app_url, "caddy", config=config, timeout=REQUEST_TIMEOUT)


async def test_connection_through_api_url(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    # the app URL is the site (nothing answers there); the admin API is elsewhere
    outcome = await runtime.test_connection(target("http://127.0.0.1:1", api_url=loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Caddy admin API: 2 upstreams"


async def test_upstreams_list(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    rows = (await fetch(runtime, target(loopback.url), "upstreams")).data.rows
    assert [(r.title, r.status, r.level) for r in rows] == [
        (DOWN, "failing", Severity.WARNING),
        (UP, "healthy", Severity.OK),
    ]
    assert rows[0].detail == "0 requests · 4 recent failures (unhealthy at 5)"


async def test_unhealthy_upstream_is_critical(loopback: LoopbackServer, runtime: Runtime) -> None:
    upstreams = body("reverse-proxy-upstreams")
    upstreams[1]["fails"] = 5
    upstreams[0]["num_requests"] = 3
    serve(loopback, upstreams)
    result = await fetch(runtime, target(loopback.url), "upstream_alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [(f"upstream:{DOWN}", Severity.CRITICAL)]
    assert "unhealthy" in result.alerts[0].message and result.alerts[0].source == "Caddy"
    stats = (await fetch(runtime, target(loopback.url), "requests")).data.stats
    assert [(s.label, s.value, s.level) for s in stats] == [
        ("Upstreams", 2, Severity.CRITICAL),
        ("Requests", 3, Severity.OK),
        ("Failed", 5, Severity.WARNING),
    ]


async def test_failing_upstream_is_a_warning(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    result = await fetch(runtime, target(loopback.url), "upstream_alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [(f"upstream:{DOWN}", Severity.WARNING)]


async def test_default_max_fails_without_config(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.json("GET", "/reverse_proxy/upstreams", body("reverse-proxy-upstreams"))
    loopback.route("GET", "/config/apps/http/servers", Response(403, "host not allowed"))
    result = await fetch(runtime, target(loopback.url), "upstream_alerts")
    # Caddy's default max_fails is 1: any failure makes the upstream unhealthy
    assert [a.severity for a in result.alerts] == [Severity.CRITICAL]


async def test_old_caddy_healthy_flag(loopback: LoopbackServer, runtime: Runtime) -> None:
    upstreams = [
        {"address": "a:80", "healthy": False, "num_requests": 0, "fails": 0},
        {"address": "b:80", "healthy": True, "num_requests": 2, "fails": 0},
    ]
    loopback.json("GET", "/reverse_proxy/upstreams", upstreams)
    result = await fetch(runtime, target(loopback.url), "upstream_alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [("upstream:a:80", Severity.CRITICAL)]
    assert loopback.requests_to("/config/apps/http/servers") == []  # not needed


async def test_no_reverse_proxy(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, upstreams=[])
    data = (await fetch(runtime, target(loopback.url), "upstreams")).data
    assert data.rows == [] and data.empty_text == "No reverse-proxy upstreams"
    assert (await fetch(runtime, target(loopback.url), "upstream_alerts")).alerts == []


def test_max_fails_in_nested_routes() -> None:
    servers = {
        "srv0": {
            "routes": [
                {
                    "handle": [
                        {
                            "handler": "subroute",
                            "routes": [
                                {
                                    "handle": [
                                        {
                                            "handler": "reverse_proxy",
                                            "health_checks": {"passive": {"max_fails": 3}},
                                            "upstreams": [{"dial": "a:1"}, {"dial": "b:1"}],
                                        }
                                    ]
                                }
                            ],
                        },
                        {"handler": "reverse_proxy", "upstreams": [{"dial": "b:1"}]},
                    ]
                }
            ]
        }
    }
    assert max_fails_by_address(servers) == {"a:1": 3, "b:1": 1}


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>my site</html>", {"Content-Type": "text/html"}),
        Response(200, {"apps": {}}),
        Response(200, [{"host": "x"}]),
    ],
    ids=["html-site", "config-object", "other-list"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    loopback.route("GET", "/reverse_proxy/upstreams", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "upstreams")
    assert "caddy" in str(err.value).lower()


async def test_unreachable(runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target("http://127.0.0.1:1", api_url=dead_url))
    assert isinstance(outcome.error, UnreachableError)
    assert dead_url in outcome.error.message
