"""The services that also run here for real (live tests: tests/integrations/servers/test_live.py),
offline against responses recorded from those real daemons (``fixtures/<service>/*.json``:
``{"request", "status", "body"}``): a good answer, a refused credential, a wrong shape."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name: str) -> Response:
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    body = data["body"]
    headers = {"Content-Type": "text/plain"} if isinstance(body, str) else {}
    return Response(
        data["status"], body if not isinstance(body, str) else body.encode(), headers=headers
    )


_ids = itertools.count()


def target(url: str, integration: str, **config: Any) -> Target:
    """A new app each call: the cache keeps a key's last good value (stale) when a later fetch
    fails, and these tests want every answer fresh."""
    return Target(f"s{next(_ids)}", "Svc", url, integration, config=config, timeout=REQUEST_TIMEOUT)


def stats(result: Any) -> dict[str, Any]:
    return {s.label: s.value for s in result.data.stats}


def basic_ok(req: Request, user: str, password: str) -> bool:
    import base64

    return (
        req.header("authorization")
        == "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    )


# -- aria2 -----------------------------------------------------------------------------------------


def serve_aria2(loopback: LoopbackServer) -> list[str]:
    methods: list[str] = []

    def rpc(req: Request) -> Response:
        body = req.json()
        method = body["method"].removeprefix("aria2.")
        methods.append(method)
        if not body["params"] or body["params"][0] != "token:rs-aria2-secret":
            return recorded("aria2/no-token")
        if method in ("pauseAll", "unpauseAll"):
            return Response(200, {"id": body["id"], "jsonrpc": "2.0", "result": "OK"})
        return recorded(f"aria2/{method}")

    loopback.route("POST", "/jsonrpc", rpc)
    return methods


async def test_aria2(loopback: LoopbackServer, runtime: Runtime) -> None:
    methods = serve_aria2(loopback)
    t = target(loopback.url, "aria2", secret="rs-aria2-secret")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "aria2 1.36.0", outcome.error
    assert stats(await fetch(runtime, t, "status")) == {
        "Download": 76509,
        "Upload": 0,
        "Active": 1,
        "Waiting": 1,
    }
    items = (await fetch(runtime, t, "queue")).data.items
    assert [(i.label, round(i.percent, 1)) for i in items] == [
        ("linux.iso", 21.9),
        ("e2d5bcfe0724a4af", 0.0),
    ]
    await runtime.run_action(t, "pause_all")
    assert methods[-1] == "pauseAll"
    with pytest.raises(AuthError, match="secret was refused"):
        await fetch(runtime, target(loopback.url, "aria2", secret="wrong"), "status")


# -- nginx, Apache ---------------------------------------------------------------------------------


async def test_nginx(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/nginx_status", recorded("nginx/stub-status"))
    loopback.route("GET", "/elsewhere", Response(200, b"<html>Welcome to nginx!</html>"))
    result = await fetch(runtime, target(loopback.url, "nginx"), "status")
    assert stats(result) == {"Active": 1, "Requests": 5, "Writing": 1, "Waiting": 0, "Dropped": 0}
    with pytest.raises(BadResponseError, match="not a stub_status page"):
        await fetch(runtime, target(loopback.url, "nginx", status_path="/elsewhere"), "status")


async def test_apache(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/server-status", recorded("apache2/server-status-auto"))
    outcome = await runtime.test_connection(target(loopback.url, "apache"))
    assert outcome.ok and outcome.summary == "Apache/2.4.71 (Debian)", outcome.error
    assert stats(await fetch(runtime, target(loopback.url, "apache"), "status")) == {
        "Busy workers": 1, "Idle workers": 3, "Requests": 4, "Traffic": 2048
    }  # fmt: skip
    loopback.route("GET", "/other", Response(200, b"<html>It works!</html>"))
    with pytest.raises(BadResponseError, match="not mod_status"):
        await fetch(runtime, target(loopback.url, "apache", status_path="/other"), "status")


# -- HAProxy ---------------------------------------------------------------------------------------


async def test_haproxy(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route(
        "GET",
        "/stats;csv",
        lambda req: (
            recorded("haproxy/stats-csv")
            if basic_ok(req, "admin", "secret")
            else recorded("haproxy/stats-noauth")
        ),
    )
    t = target(loopback.url, "haproxy", username="admin", password="secret")
    result = await fetch(runtime, t, "summary")
    assert stats(result) == {"Servers up": 1, "Servers down": 1, "Backends down": 0, "Sessions": 1}
    assert [a.message for a in result.alerts] == ["app/app2 is DOWN"]
    rows = (await fetch(runtime, t, "servers")).data.rows
    assert [(r.title, r.status, r.level) for r in rows] == [
        ("app/app2", "DOWN", Severity.CRITICAL),
        ("app/app1", "UP", Severity.OK),
    ]
    with pytest.raises(AuthError):
        await fetch(
            runtime, target(loopback.url, "haproxy", username="admin", password="x"), "summary"
        )


# -- PowerDNS, BIND --------------------------------------------------------------------------------


async def test_powerdns(loopback: LoopbackServer, runtime: Runtime) -> None:
    def guard(name: str):  # type: ignore[no-untyped-def]
        return lambda req: (
            recorded(name) if req.header("x-api-key") == "rs-pdns-key" else recorded("pdns/noauth")
        )

    loopback.route("GET", "/api/v1/servers", guard("pdns/servers"))
    loopback.route("GET", "/api/v1/servers/localhost/statistics", guard("pdns/statistics"))
    t = target(loopback.url, "powerdns", api_key="rs-pdns-key")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "PowerDNS authoritative 4.7.3", outcome.error
    got = stats(await fetch(runtime, t, "statistics"))
    assert set(got) == {"Queries", "Latency", "Cache hits", "SERVFAIL"} and got["Queries"] > 0
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, "powerdns", api_key="nope"), "statistics")


async def test_bind(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/json/v1/server", recorded("bind9/json-server"))
    outcome = await runtime.test_connection(target(loopback.url, "bind"))
    assert outcome.ok and outcome.summary == "BIND 9.18.49-1~deb12u3-Debian", outcome.error
    assert stats(await fetch(runtime, target(loopback.url, "bind"), "queries")) == {
        "Queries": 4, "NOERROR": 3, "NXDOMAIN": 1, "SERVFAIL": 0, "REFUSED": 0
    }  # fmt: skip
    loopback.route("GET", "/json/v1/server", Response(200, {"unexpected": True}))
    with pytest.raises(BadResponseError):
        await fetch(runtime, target(loopback.url, "bind"), "queries")


# -- InfluxDB, RabbitMQ ----------------------------------------------------------------------------


async def test_influxdb(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/ping", Response(204, b"", headers={"X-Influxdb-Version": "1.6.7~rc0"}))
    loopback.route(
        "GET",
        "/query",
        lambda req: (
            recorded("influxdb/show-databases")
            if basic_ok(req, "admin", "influx-secret")
            else recorded("influxdb/query-noauth")
        ),
    )
    t = target(loopback.url, "influxdb", username="admin", password="influx-secret")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "InfluxDB 1.6.7~rc0 (1 databases)", outcome.error
    assert [r.title for r in (await fetch(runtime, t, "databases")).data.rows] == ["telegraf"]
    with pytest.raises(AuthError):
        await fetch(
            runtime, target(loopback.url, "influxdb", username="admin", password="x"), "databases"
        )


async def test_rabbitmq(loopback: LoopbackServer, runtime: Runtime) -> None:
    for path, name in (
        ("/api/overview", "overview"),
        ("/api/nodes", "nodes"),
        ("/api/queues", "queues"),
    ):
        loopback.route(
            "GET",
            path,
            lambda req, name=name: (
                recorded(f"rabbitmq/{name}")
                if basic_ok(req, "guest", "guest")
                else recorded("rabbitmq/overview-noauth")
            ),
        )
    t = target(loopback.url, "rabbitmq", username="guest", password="guest")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "RabbitMQ 3.10.8", outcome.error
    result = await fetch(runtime, t, "overview")
    got = stats(result)
    assert got["Alarms"] == 0 and result.alerts == [] and got["Ready"] + got["Unacked"] == 3
    rows = (await fetch(runtime, t, "queues")).data.rows
    assert rows and rows[0].status == "3"
    with pytest.raises(AuthError):
        await fetch(
            runtime, target(loopback.url, "rabbitmq", username="guest", password="x"), "overview"
        )


async def test_rabbitmq_alarm_is_critical(loopback: LoopbackServer, runtime: Runtime) -> None:
    nodes = json.loads((FIXTURES / "rabbitmq/nodes.json").read_text())["body"]
    nodes[0]["disk_free_alarm"] = True
    loopback.route("GET", "/api/overview", recorded("rabbitmq/overview"))
    loopback.route("GET", "/api/nodes", Response(200, nodes))
    result = await fetch(
        runtime, target(loopback.url, "rabbitmq", username="guest", password="guest"), "overview"
    )
    assert [a.severity for a in result.alerts] == [Severity.CRITICAL]
    assert "disk alarm" in result.alerts[0].message


# -- Icecast, Monit, Node-RED ----------------------------------------------------------------------


async def test_icecast(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/status-json.xsl", recorded("icecast2/status-json"))
    outcome = await runtime.test_connection(target(loopback.url, "icecast"))
    assert outcome.ok and outcome.summary == "Icecast 2.4.4 (1 streams on air)", outcome.error
    assert stats(await fetch(runtime, target(loopback.url, "icecast"), "listeners")) == {
        "Listeners": 0,
        "Peak": 0,
        "Streams": 1,
    }
    assert [
        r.title
        for r in (await fetch(runtime, target(loopback.url, "icecast"), "streams")).data.rows
    ] == ["Test Radio"]
    # Icecast 2.4.4 with nothing on air sends broken JSON (recorded from the real daemon)
    loopback.route("GET", "/status-json.xsl", recorded("icecast2/status-json-no-sources"))
    assert stats(await fetch(runtime, target(loopback.url, "icecast"), "listeners"))["Streams"] == 0
    loopback.route("GET", "/status-json.xsl", Response(200, {"other": 1}))
    with pytest.raises(BadResponseError, match="icestats"):
        await fetch(runtime, target(loopback.url, "icecast"), "listeners")


async def test_monit(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route(
        "GET",
        "/_status",
        lambda req: (
            recorded("monit/status-xml")
            if basic_ok(req, "admin", "monit-secret")
            else recorded("monit/status-noauth")
        ),
    )
    t = target(loopback.url, "monit", username="admin", password="monit-secret")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary.startswith("Monit 5.33.0 ("), outcome.error
    result = await fetch(runtime, t, "summary")
    got = stats(result)
    assert got["Failing"] >= 1 and got["OK"] >= 1  # the recording has a deliberately failing check
    assert result.alerts and all(a.severity is Severity.CRITICAL for a in result.alerts)
    with pytest.raises(AuthError):
        await fetch(
            runtime, target(loopback.url, "monit", username="admin", password="x"), "summary"
        )


async def test_nodered(loopback: LoopbackServer, runtime: Runtime) -> None:
    token = json.loads((FIXTURES / "node-red/token.json").read_text())["body"]["access_token"]

    def login(req: Request) -> Response:
        form = dict(pair.split("=", 1) for pair in req.body.decode().split("&"))
        return (
            recorded("node-red/token")
            if form.get("password") == "nodered-secret"
            else recorded("node-red/token-wrong")
        )

    def guard(name: str):  # type: ignore[no-untyped-def]
        return lambda req: (
            recorded(name)
            if req.header("authorization") == f"Bearer {token}"
            else Response(401, b"Unauthorized")
        )

    loopback.route("POST", "/auth/token", login)
    loopback.route("GET", "/flows", guard("node-red/flows-v2"))
    loopback.route("GET", "/settings", guard("node-red/settings"))
    t = target(loopback.url, "nodered", username="admin", password="nodered-secret")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "Node-RED 4.1.15", outcome.error
    assert stats(await fetch(runtime, t, "flows")) == {"Flows": 1, "Disabled": 1, "Nodes": 2}
    rows = (await fetch(runtime, t, "flow_list")).data.rows
    assert [(r.title, r.detail, r.status) for r in rows] == [
        ("Home automation", "2 nodes", ""),
        ("Disabled flow", "0 nodes", "disabled"),
    ]
    with pytest.raises(AuthError, match="Invalid resource owner credentials"):
        await fetch(
            runtime, target(loopback.url, "nodered", username="admin", password="x"), "flows"
        )


# -- Alertmanager (documented API v2 bodies) -------------------------------------------------------

FIRING = [
    {"labels": {"alertname": "InstanceDown", "severity": "critical", "instance": "nas:9100", "job": "node"},
     "annotations": {"summary": "nas:9100 has been down for 5 minutes"}, "fingerprint": "a1",
     "status": {"state": "active", "silencedBy": [], "inhibitedBy": []}, "startsAt": "2026-11-30T08:00:00Z"},
    {"labels": {"alertname": "DiskFilling", "severity": "warning", "instance": "pi:9100"},
     "annotations": {"description": "/ is 91% full"}, "fingerprint": "b2",
     "status": {"state": "active", "silencedBy": [], "inhibitedBy": []}, "startsAt": "2026-11-30T07:00:00Z"},
]  # fmt: skip


async def test_alertmanager(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route(
        "GET",
        "/api/v2/status",
        Response(200, {"versionInfo": {"version": "0.25.0"}, "cluster": {"status": "disabled"}}),
    )
    loopback.route(
        "GET",
        "/api/v2/alerts",
        lambda req: Response(200, FIRING if req.param("silenced") == "false" else []),
    )
    t = target(loopback.url, "alertmanager")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "Alertmanager 0.25.0", outcome.error
    result = await fetch(runtime, t, "summary")
    assert stats(result) == {"Critical": 1, "Warning": 1, "Other": 0}
    assert [(a.severity, a.message) for a in result.alerts] == [
        (Severity.CRITICAL, "InstanceDown · nas:9100 · nas:9100 has been down for 5 minutes"),
        (Severity.WARNING, "DiskFilling · pi:9100 · / is 91% full"),
    ]
    banner = (await fetch(runtime, t, "alerts")).data
    assert banner.severity is Severity.CRITICAL
    loopback.route("GET", "/api/v2/alerts", Response(200, {"data": []}))
    with pytest.raises(BadResponseError, match="not a list"):
        await fetch(runtime, target(loopback.url, "alertmanager"), "summary")
