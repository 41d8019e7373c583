"""Homebridge against a loopback server answering with responses recorded from Homebridge 1.11.4
with homebridge-config-ui-x 4.76.0 (service mode). The server below issues numbered tokens and can
expire them, so the login session is tested for real.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
USER, PASSWORD = "admin", "hb-secret-pw-1"


def recorded(name: str) -> Response:
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    return Response(data["status"], data["body"])


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


class FakeUi:
    """Tokens ``t1``, ``t2``...; API routes accept only the newest one not expired."""

    def __init__(self, loopback: LoopbackServer) -> None:
        self.loopback = loopback
        self.issued = 0
        self.expired: set[str] = set()
        loopback.route("POST", "/api/auth/login", self.login)
        for name, path in [
            ("status-homebridge", "/api/status/homebridge"),
            ("homebridge-version", "/api/status/homebridge-version"),
            ("nodejs", "/api/status/nodejs"),
            ("plugins", "/api/plugins"),
        ]:
            self.api(path, body(name))

    def login(self, request: Request) -> Response:
        if request.json() != {"username": USER, "password": PASSWORD}:
            return recorded("login-wrong")
        self.issued += 1
        answer = copy.deepcopy(body("login"))
        answer["access_token"] = f"t{self.issued}"
        return Response(201, answer)

    def api(self, path: str, answer: Any) -> None:
        def handler(request: Request) -> Response:
            token = (request.header("Authorization") or "").removeprefix("Bearer ")
            if token in self.expired or token != f"t{self.issued}":
                return recorded("bad-token")
            return Response(200, answer)

        self.loopback.route("GET", path, handler)


def target(url: str, password: str = PASSWORD) -> Target:
    config = {"username": USER, "password": password}
    return Target("b", "Bridge", url, "homebridge", config=config, timeout=REQUEST_TIMEOUT)


async def test_connection(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeUi(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Homebridge 1.11.4 (up)"
    assert len(loopback.requests_to("/api/auth/login")) == 1  # two calls, one login


async def test_wrong_password(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeUi(loopback)
    outcome = await runtime.test_connection(target(loopback.url, password="nope"))
    assert isinstance(outcome.error, AuthError) and "HTTP 403" in outcome.error.message


async def test_expired_token_logs_in_again_once(loopback: LoopbackServer, runtime: Runtime) -> None:
    ui = FakeUi(loopback)
    tgt = target(loopback.url)
    await fetch(runtime, tgt, "plugins")
    ui.expired.add("t1")
    rows = (await fetch(runtime, tgt, "plugins")).data.rows
    assert rows[0].title == "Homebridge UI"
    assert len(loopback.requests_to("/api/auth/login")) == 2


async def test_status(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeUi(loopback)
    stats = (await fetch(runtime, target(loopback.url), "status")).data.stats
    assert [(s.label, s.value, s.level) for s in stats] == [
        ("Status", "up", Severity.OK),
        ("Version", "1.11.4", Severity.OK),
        ("Node.js", "v20.20.2", Severity.OK),
    ]


async def test_up_to_date(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeUi(loopback)
    result = await fetch(runtime, target(loopback.url), "updates")
    assert result.alerts == [] and result.data.severity is Severity.OK


async def test_updates_and_down(loopback: LoopbackServer, runtime: Runtime) -> None:
    ui = FakeUi(loopback)
    core = body("homebridge-version") | {"updateAvailable": True, "latestVersion": "1.11.5"}
    node = body("nodejs") | {"updateAvailable": True, "latestVersion": "v20.21.0"}
    plugins = copy.deepcopy(body("plugins"))
    plugins[0].update(updateAvailable=True, latestVersion="4.77.0")
    ui.api("/api/status/homebridge-version", core)
    ui.api("/api/status/nodejs", node)
    ui.api("/api/plugins", plugins)
    ui.api("/api/status/homebridge", {"status": "down"})
    result = await fetch(runtime, target(loopback.url), "updates")
    assert [(a.key, a.severity, a.message) for a in result.alerts] == [
        ("status:homebridge", Severity.CRITICAL, "Homebridge is down"),
        ("update:homebridge", Severity.WARNING, "Homebridge update: 1.11.4 → 1.11.5"),
        ("update:node", Severity.INFO, "Node.js update: v20.20.2 → v20.21.0"),
        (
            "update:homebridge-config-ui-x",
            Severity.INFO,
            "Plugin update: Homebridge UI 4.76.0 → 4.77.0",
        ),
    ]
    assert {a.key for a in await runtime.alerts(target(loopback.url))} >= {"status:homebridge"}
    rows = (await fetch(runtime, target(loopback.url), "plugins")).data.rows
    assert rows[0].status == "update" and rows[0].level is Severity.INFO


async def test_plugins(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeUi(loopback)
    rows = (await fetch(runtime, target(loopback.url), "plugins")).data.rows
    assert [(r.title, r.detail, r.status) for r in rows] == [
        ("Homebridge UI", "homebridge-config-ui-x 4.76.0", "")
    ]


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!doctype html><html>Homebridge</html>", {"Content-Type": "text/html"}),
        Response(200, {"status": ["up"]}),
        Response(200, []),
    ],
    ids=["ui-html", "status-list", "list"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    ui = FakeUi(loopback)
    ui.loopback.route("GET", "/api/status/homebridge", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "status")
    assert "homebridge" in str(err.value)


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)
