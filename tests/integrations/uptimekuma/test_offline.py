"""Uptime Kuma against a loopback server answering with responses recorded from 2.0.0-dev.0.

The recorded status page ``homelab`` has two monitors: "Local web" (up) and "Closed port"
(down). Uptime Kuma 2.0 never answers ``/api/status-page/<unknown slug>`` (the request hangs),
while its heartbeat endpoint answers an empty list at once: that is how an unknown slug is told
apart from a slow server.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import (
    AuthError,
    BadResponseError,
    ConfigError,
    ServiceTimeoutError,
    UnreachableError,
)
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response

FIXTURES = Path(__file__).parent / "fixtures"
PAGE, BEATS = "/api/status-page/homelab", "/api/status-page/heartbeat/homelab"
KEY = "uk1_4jboVMg2MisJQuyJSLkiiHvRoVRN7H9TbkoJnn1g"


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def target(url: str, slug: str = "homelab", timeout: float = 3, **config: Any) -> Target:
    config = {"slug": slug, **config}
    return Target("k", "Kuma", url, "uptimekuma", config=config, timeout=timeout)


def serve(loopback: LoopbackServer, page: Any = None, beats: Any = None) -> None:
    loopback.json("GET", PAGE, body("status-page") if page is None else page)
    loopback.json("GET", BEATS, body("heartbeat") if beats is None else beats)
    basic = "Basic " + base64.b64encode(f":{KEY}".encode()).decode()
    loopback.json(
        "GET",
        "/metrics",
        body("metrics"),
        require_header=("Authorization", basic),
        denied=Response(401, b""),
    )


async def test_connection_without_key(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Uptime Kuma status page 'Homelab' (2 monitors)"
    assert loopback.requests_to("/metrics") == []


async def test_connection_with_key_reads_the_version(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, api_key=KEY))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Uptime Kuma 2.0.0-dev.0: status page 'Homelab' (2 monitors)"


async def test_wrong_key_is_an_auth_error(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, api_key="uk1_wrong"))
    assert isinstance(outcome.error, AuthError)


async def test_monitor_counts(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    stats = {
        s.label: s for s in (await fetch(runtime, target(loopback.url), "monitors")).data.stats
    }
    assert (stats["Up"].value, stats["Down"].value) == (1, 1)
    assert stats["Down"].level is Severity.CRITICAL
    assert stats["Uptime 24h"].value == 50.0 and stats["Uptime 24h"].unit == "%"


async def test_monitor_list_down_first(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    data = (await fetch(runtime, target(loopback.url), "monitor_list")).data
    assert [(r.title, r.status, r.level) for r in data.rows] == [
        ("Closed port", "down", Severity.CRITICAL),
        ("Local web", "up", Severity.OK),
    ]
    assert data.rows[0].detail == "0.0 % (24h) · Services"
    assert data.rows[1].detail == "100.0 % (24h) · 5 ms · Services"


async def test_down_monitor_raises_a_critical_alert(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    result = await fetch(runtime, target(loopback.url), "alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [("monitor:2", Severity.CRITICAL)]
    assert result.alerts[0].message == "Closed port is down"
    assert result.alerts[0].source == "Kuma"
    assert [a.key for a in await runtime.alerts(target(loopback.url))] == ["monitor:2"]


async def test_latest_beat_wins_and_messages_show(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    beats = copy.deepcopy(body("heartbeat"))
    older = {"status": 1, "time": "2026-11-25 09:00:00.000", "msg": "", "ping": 3}
    newer = {"status": 2, "time": "2026-11-25 09:59:00.000", "msg": "timeout", "ping": None}
    beats["heartbeatList"]["1"] = [older, newer]
    serve(loopback, beats=beats)
    rows = {
        r.title: r for r in (await fetch(runtime, target(loopback.url), "monitor_list")).data.rows
    }
    assert rows["Local web"].status == "pending" and rows["Local web"].level is Severity.WARNING
    assert rows["Local web"].detail.endswith("timeout")


async def test_incident_is_an_alert(loopback: LoopbackServer, runtime: Runtime) -> None:
    page = copy.deepcopy(body("status-page"))
    page["incident"] = {
        "id": 7,
        "title": "Power cut",
        "content": "UPS on battery",
        "style": "danger",
    }
    serve(loopback, page=page)
    alerts = {a.key: a for a in (await fetch(runtime, target(loopback.url), "alerts")).alerts}
    assert alerts["incident:7"].severity is Severity.CRITICAL
    assert alerts["incident:7"].message == "Incident: Power cut"


async def test_all_up(loopback: LoopbackServer, runtime: Runtime) -> None:
    beats = copy.deepcopy(body("heartbeat"))
    beats["heartbeatList"]["2"][0]["status"] = 1
    serve(loopback, beats=beats)
    result = await fetch(runtime, target(loopback.url), "alerts")
    assert result.alerts == [] and result.data.severity is Severity.OK


async def test_unknown_slug_that_never_answers(loopback: LoopbackServer, runtime: Runtime) -> None:
    # Uptime Kuma 2.0: empty heartbeats at once, then no answer for the page
    loopback.json("GET", "/api/status-page/heartbeat/nope", body("heartbeat-missing"))
    loopback.route("GET", "/api/status-page/nope", Response(200, {}, delay=1.5))
    outcome = await runtime.test_connection(target(loopback.url, slug="nope", timeout=1))
    assert isinstance(outcome.error, ConfigError)
    assert "no status page 'nope'" in outcome.error.message


async def test_unknown_slug_404(loopback: LoopbackServer, runtime: Runtime) -> None:
    # Uptime Kuma 1.x answers 404 {"ok": false, "msg": "Status Page Not Found"}
    loopback.json("GET", "/api/status-page/heartbeat/nope", body("heartbeat-missing"))
    loopback.json(
        "GET", "/api/status-page/nope", {"ok": False, "msg": "Status Page Not Found"}, status=404
    )
    with pytest.raises(ConfigError):
        await fetch(runtime, target(loopback.url, slug="nope"), "monitors")


async def test_slow_known_page_is_a_timeout(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    loopback.route("GET", PAGE, Response(200, body("status-page"), delay=1.5))
    with pytest.raises(ServiceTimeoutError):
        await fetch(runtime, target(loopback.url, timeout=1), "monitors")


def test_slug_is_validated() -> None:
    from integrations.uptimekuma.integration import INTEGRATION

    assert INTEGRATION.validate_config({"slug": "/status/HomeLab/"}).slug == "homelab"
    with pytest.raises(ConfigError):
        INTEGRATION.validate_config({"slug": "home lab?"})
    with pytest.raises(ConfigError):
        INTEGRATION.validate_config({})


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>Uptime Kuma</html>", {"Content-Type": "text/html"}),
        Response(200, {"ok": True}),
        Response(200, {"heartbeatList": [], "uptimeList": {}}),
    ],
    ids=["spa-html", "other-json", "list-instead-of-map"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    serve(loopback)
    loopback.route("GET", BEATS, answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "monitors")
    assert "uptimekuma" in str(err.value)


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)
