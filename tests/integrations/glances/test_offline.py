"""Glances 3 and 4 against a loopback server answering with responses recorded from both.

Every test that reads data runs once per API generation (fixtures ``v3-*`` from Glances 3.3.1,
``v4-*`` from Glances 4.5.8), including the different 401 shapes (HTML vs JSON) and the
automatic switch when the configured version is the wrong one.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, BadStatusError, UnreachableError
from integrations.format import format_bytes
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
PLUGINS = ("cpu", "mem", "load", "fs", "system", "uptime", "processlist", "pluginslist")
USER, PASSWORD = "glances", "glances-pw"


def recorded(name: str) -> dict[str, Any]:
    """A response recorded from the real service: ``{"request", "status", "body"}``."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


def serve(loopback: LoopbackServer, version: int, **overrides: Any) -> None:
    """Serve Glances ``version``'s recorded plugins behind HTTP Basic, like the real server."""
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    denied = recorded(f"v{version}-noauth")
    headers = {"Content-Type": "text/html"} if version == 3 else {}

    for plugin in PLUGINS:
        body = overrides.get(plugin, recorded(f"v{version}-{plugin}")["body"])

        def handler(request: Request, body: Any = body) -> Response:
            if request.header("Authorization") != expected:
                return Response(401, denied["body"], headers)
            # bodies are JSON even when they are a lone string (uptime: "1:10:49")
            return Response(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

        loopback.route("GET", f"/api/{version}/{plugin}", handler)


def target(url: str, version: int = 4, password: str = PASSWORD) -> Target:
    config = {"version": version, "username": USER, "password": password}
    return Target("g", "Glances", url, "glances", config=config, timeout=REQUEST_TIMEOUT)


both = pytest.mark.parametrize("version", [3, 4])


@both
async def test_connection(loopback: LoopbackServer, runtime: Runtime, version: int) -> None:
    serve(loopback, version)
    outcome = await runtime.test_connection(target(loopback.url, version))
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith(f"Glances API v{version} on vm (Debian GNU/Linux 12")
    assert "detected" not in outcome.summary


@both
async def test_wrong_password_is_an_auth_error(
    loopback: LoopbackServer, runtime: Runtime, version: int
) -> None:
    serve(loopback, version)
    outcome = await runtime.test_connection(target(loopback.url, version, password="nope"))
    assert isinstance(outcome.error, AuthError)
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, version, password="nope"), "cpu")


@both
async def test_other_version_is_detected(
    loopback: LoopbackServer, runtime: Runtime, version: int
) -> None:
    serve(loopback, version)
    wrong = 7 - version
    outcome = await runtime.test_connection(target(loopback.url, wrong))
    assert outcome.ok, outcome.error
    assert f"detected API v{version}, set version to {version}" in outcome.summary
    gauge = (await fetch(runtime, target(loopback.url, wrong), "cpu")).data
    assert gauge.value == 50.0
    # once detected, the app's context asks the right path first
    before = len(loopback.requests_to(f"/api/{wrong}/cpu"))
    await fetch(runtime, target(loopback.url, wrong), "cpu")
    assert len(loopback.requests_to(f"/api/{wrong}/cpu")) == before


@both
async def test_cpu_gauge(loopback: LoopbackServer, runtime: Runtime, version: int) -> None:
    serve(loopback, version)
    gauge = (await fetch(runtime, target(loopback.url, version), "cpu")).data
    assert (gauge.value, gauge.unit, gauge.max) == (50.0, "%", 100.0)
    assert gauge.label == "CPU (2 cores)"
    assert gauge.level is Severity.OK


@both
async def test_memory_gauge(loopback: LoopbackServer, runtime: Runtime, version: int) -> None:
    serve(loopback, version)
    mem = recorded(f"v{version}-mem")["body"]
    gauge = (await fetch(runtime, target(loopback.url, version), "memory")).data
    assert gauge.value == mem["percent"]
    assert gauge.label == f"Memory {format_bytes(mem['used'])} / 23.5 GiB"


@both
async def test_load_history_accumulates(
    loopback: LoopbackServer, runtime: Runtime, version: int
) -> None:
    serve(loopback, version)
    load = recorded(f"v{version}-load")["body"]
    tgt = target(loopback.url, version)
    first = (await fetch(runtime, tgt, "load")).data
    assert [s.name for s in first.series] == ["1 min", "5 min", "15 min"]
    assert [s.points[0].v for s in first.series] == [load["min1"], load["min5"], load["min15"]]
    serve(loopback, version, load={**load, "min1": 1.5})
    second = (await fetch(runtime, tgt, "load")).data
    assert [p.v for p in second.series[0].points] == [load["min1"], 1.5]
    assert second.series[0].points[0].t <= second.series[0].points[1].t


@both
async def test_fs_progress_and_alerts(
    loopback: LoopbackServer, runtime: Runtime, version: int
) -> None:
    root = recorded(f"v{version}-fs")["body"][0]
    full = {**root, "mnt_point": "/srv", "percent": 93.2, "used": 93, "size": 100}
    serve(loopback, version, fs=[full, root])
    result = await fetch(runtime, target(loopback.url, version), "fs")
    items = result.data.items
    assert [i.label for i in items] == ["/", "/srv"]
    assert items[0].percent == 28.0 and items[0].level is Severity.OK
    assert "ext4" in items[0].detail and items[0].detail.startswith("28.4 GiB of 252.0 GiB")
    assert items[1].level is Severity.CRITICAL
    assert [(a.key, a.severity) for a in result.alerts] == [("fs:/srv", Severity.CRITICAL)]
    assert "93%" in result.alerts[0].message


@both
async def test_top_processes_by_cpu(
    loopback: LoopbackServer, runtime: Runtime, version: int
) -> None:
    processes = list(reversed(recorded(f"v{version}-processlist")["body"]))  # least busy first
    serve(loopback, version, processlist=processes)
    data = (await fetch(runtime, target(loopback.url, version), "processes")).data
    assert data.total == 7 and len(data.rows) == 5
    busiest = max(processes, key=lambda p: p["cpu_percent"])
    assert data.rows[0].title == busiest["name"]
    assert data.rows[0].status == f"{busiest['cpu_percent']:.1f}%"
    assert f"pid {busiest['pid']}" in data.rows[0].detail and "root" in data.rows[0].detail
    cpu = [float(r.status.rstrip("%")) for r in data.rows]
    assert cpu == sorted(cpu, reverse=True)


@both
async def test_info_stats(loopback: LoopbackServer, runtime: Runtime, version: int) -> None:
    serve(loopback, version)
    stats = (await fetch(runtime, target(loopback.url, version), "info")).data.stats
    values = {s.label: s.value for s in stats}
    assert values["Host"] == "vm"
    assert values["OS"].startswith("Debian GNU/Linux 12 64bit")
    assert values["Uptime"] == recorded(f"v{version}-uptime")["body"]


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>Pi-hole admin</html>", {"Content-Type": "text/html"}),
        Response(200, {"detail": "something else"}),
        Response(200, [1, 2, 3]),
    ],
    ids=["html", "other-json", "list"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    loopback.route("GET", "/api/4/cpu", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url, 4, password=""), "cpu")
    assert "glances" in str(err.value).lower()


async def test_not_glances_at_all(loopback: LoopbackServer, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadStatusError)
    assert "not found" in outcome.error.message


async def test_open_server_gets_no_auth_header(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.json("GET", "/api/4/cpu", {"total": 12.5, "cpucore": 4})
    gauge = (await fetch(runtime, target(loopback.url, 4, password=""), "cpu")).data
    assert gauge.value == 12.5
    assert loopback.requests_to("/api/4/cpu")[-1].header("Authorization") is None


async def test_unreachable(runtime: Runtime, dead_url: str) -> None:
    with pytest.raises(UnreachableError):
        await fetch(runtime, target(dead_url), "memory")
