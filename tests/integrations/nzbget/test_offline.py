"""NZBGet against a loopback server replaying JSON-RPC answers recorded from nzbget 21.0.

The scripted server checks HTTP Basic like the real one (401 with an empty body otherwise).
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Target
from tests.support.loopback import LoopbackServer, Request, Response

FIXTURES = Path(__file__).parent / "fixtures"
USER, PASSWORD = "nzbget", "tegbzn6789"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


class FakeNzbget:
    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        self.bodies: dict[str, Any] = {
            "version": recorded("version")["body"],
            "status": recorded("status")["body"],
            "listgroups": recorded("listgroups")["body"],
            "pausedownload": recorded("pausedownload")["body"],
            "resumedownload": recorded("resumedownload")["body"],
        }
        server.route("POST", "/jsonrpc", self.handle)

    def handle(self, request: Request) -> Response:
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if request.header("Authorization") != expected:
            noauth = recorded("noauth")
            return Response(noauth["status"], noauth["body"])
        method = request.json()["method"]
        return Response(200, self.bodies.get(method, recorded("invalid-procedure")["body"]))

    def calls(self) -> list[dict[str, Any]]:
        return [r.json() for r in self.server.requests_to("/jsonrpc")]

    def edit(self, method: str, **changes: Any) -> dict[str, Any]:
        """A copy of the recorded result with ``changes`` (list results: the first entry)."""
        body = copy.deepcopy(self.bodies[method])
        entry = body["result"][0] if isinstance(body["result"], list) else body["result"]
        entry.update(changes)
        self.bodies[method] = body
        return body


def target(url: str, **config: Any) -> Target:
    return Target("nz", "NZBGet", url, "nzbget", {"username": USER, "password": PASSWORD, **config})


@pytest.fixture
def nzbget(loopback: LoopbackServer) -> FakeNzbget:
    return FakeNzbget(loopback)


async def test_connection(runtime, loopback, nzbget):
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "NZBGet 21.0"
    [sent] = loopback.requests_to("/jsonrpc")
    assert sent.json()["method"] == "version" and sent.json()["params"] == []
    assert sent.header("Content-Type") == "application/json"


async def test_wrong_password(runtime, loopback, nzbget):
    outcome = await runtime.test_connection(target(loopback.url, password="wrong"))
    assert isinstance(outcome.error, AuthError) and outcome.error.code == "invalid_auth"


async def test_status_recorded_paused(runtime, loopback, nzbget):
    data = (await runtime.fetch(target(loopback.url), "status")).value.data
    stats = {s.label: s for s in data.stats}
    assert stats["State"].value == "Paused" and stats["State"].level is Severity.INFO
    assert (stats["Download"].value, stats["Download"].unit) == (0, "B/s")


async def test_status_numbers_join_the_32_bit_halves(runtime, loopback, nzbget):
    nzbget.edit(
        "status",
        DownloadRate=2_500_000,
        DownloadPaused=False,
        RemainingSizeLo=5,
        RemainingSizeHi=1,
        DownloadedSizeLo=1000,
    )
    result = (await runtime.fetch(target(loopback.url), "status")).value
    stats = {s.label: (s.value, s.unit) for s in result.data.stats}
    assert stats == {
        "Download": (2_500_000, "B/s"),
        "Remaining": (2**32 + 5, "B"),
        "Downloaded": (1000, "B"),
        "State": ("Downloading", ""),
    }
    assert result.alerts == []


async def test_quota_reached_alert(runtime, loopback, nzbget):
    nzbget.edit("status", QuotaReached=True)
    [alert] = (await runtime.fetch(target(loopback.url), "status")).value.alerts
    assert alert.key == "quota" and alert.severity is Severity.WARNING


async def test_queue_recorded(runtime, loopback, nzbget):
    result = (await runtime.fetch(target(loopback.url), "queue")).value
    [item] = result.data.items
    assert (item.label, item.percent, item.eta_seconds) == ("Test.Linux.ISO", 0.0, None)
    assert item.detail == "Paused"
    assert {c["method"] for c in nzbget.calls()} == {"status", "listgroups"}
    assert next(c for c in nzbget.calls() if c["method"] == "listgroups")["params"] == [0]


async def test_queue_percent_and_eta_from_rate(runtime, loopback, nzbget):
    nzbget.edit("status", DownloadRate=100_000, DownloadPaused=False)
    nzbget.edit(
        "listgroups",
        Status="DOWNLOADING",
        RemainingSizeLo=192_000,
        PausedSizeLo=0,
        FileSizeLo=768_000,
    )
    [item] = (await runtime.fetch(target(loopback.url), "queue")).value.data.items
    assert item.percent == 75.0
    assert item.eta_seconds == pytest.approx(1.92)
    assert item.detail == "Downloading"


async def test_queue_bad_health_warns(runtime, loopback, nzbget):
    nzbget.edit("listgroups", Health=850, CriticalHealth=900, Status="DOWNLOADING")
    result = (await runtime.fetch(target(loopback.url), "queue")).value
    assert result.data.items[0].level is Severity.WARNING
    [alert] = result.alerts
    assert alert.key == "nzb:1" and "85.0%" in alert.message


async def test_speed_history(runtime, loopback, nzbget):
    nzbget.edit("status", DownloadRate=4242)
    chart = (await runtime.fetch(target(loopback.url), "speed_history")).value.data
    assert [(s.name, s.points[0].v) for s in chart.series] == [("Download", 4242)]
    assert chart.unit == "B/s"


@pytest.mark.parametrize(
    ("action", "method"), [("pause_all", "pausedownload"), ("resume_all", "resumedownload")]
)
async def test_actions(runtime, loopback, nzbget, action, method):
    summary = await runtime.run_action(target(loopback.url), action)
    assert "NZBGet" in summary
    assert nzbget.calls()[-1]["method"] == method


async def test_service_error_is_reported(runtime, loopback, nzbget):
    del nzbget.bodies["version"]  # answered with the recorded "Invalid procedure" error
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert "version failed: Invalid procedure" in outcome.error.message


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<html><body>Bad gateway</body></html>", {"Content-Type": "text/html"}),
        Response(200, {"queue": []}),
        Response(200, {"version": "1.1", "id": 1, "result": {"DownloadRate": "fast"}}),
    ],
    ids=["html", "not-json-rpc", "wrong-result"],
)
async def test_wrong_shape(runtime, loopback, answer):
    loopback.route("POST", "/jsonrpc", answer)
    with pytest.raises(BadResponseError) as err:
        await runtime.fetch(target(loopback.url), "status")
    assert err.value.integration == "nzbget" and "nzbget" in err.value.message


async def test_unreachable(runtime, dead_url):
    with pytest.raises(UnreachableError):
        await runtime.fetch(target(dead_url), "queue")
