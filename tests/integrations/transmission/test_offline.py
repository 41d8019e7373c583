"""Transmission against a loopback server replaying answers recorded from transmission-daemon 3.00.

The scripted server enforces what the real daemon does: HTTP Basic, and 409 with a fresh
``X-Transmission-Session-Id`` until a request carries the current id.
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
RPC = "/transmission/rpc"
HEADER = "X-Transmission-Session-Id"
USER, PASSWORD = "admin", "secret"
SEED_HASH = "9b64b481a12ab943fac8dd6d18277dc7d0a5b718"
MISSING_HASH = "886b48d93187177fdcb8623b8b87d0a9138a4894"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


class FakeDaemon:
    """Routes RPC methods to recorded bodies, with the daemon's auth and CSRF rules."""

    def __init__(self, server: LoopbackServer, path: str = RPC) -> None:
        self.session_id = recorded("session-conflict")["headers"][HEADER]
        self.bodies: dict[str, Any] = {
            "session-get": recorded("session-get")["body"],
            "session-stats": recorded("session-stats")["body"],
            "torrent-get": recorded("torrent-get")["body"],
            "torrent-stop": recorded("torrent-stop")["body"],
            "torrent-start": recorded("torrent-stop")["body"],
        }
        self.conflicts = 0
        self.server = server
        server.route("POST", path, self.handle)

    def handle(self, request: Request) -> Response:
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if request.header("Authorization") != expected:
            return Response(401, recorded("wrong-password")["body"])
        if request.header(HEADER) != self.session_id:
            self.conflicts += 1
            conflict = recorded("session-conflict")
            return Response(409, conflict["body"], headers={HEADER: self.session_id})
        body = self.bodies.get(request.json()["method"], recorded("method-unknown")["body"])
        return Response(200, body)

    def rpc_requests(self) -> list[dict[str, Any]]:
        """Methods that got past auth and CSRF, in order."""
        return [
            r.json()
            for r in self.server.requests_to(RPC)
            if r.header(HEADER) == self.session_id and r.header("Authorization")
        ]


def target(url: str, **config: Any) -> Target:
    settings = {"username": USER, "password": PASSWORD, **config}
    return Target("tr", "Transmission", url, "transmission", settings)


@pytest.fixture
def daemon(loopback: LoopbackServer) -> FakeDaemon:
    return FakeDaemon(loopback)


async def test_connection_does_the_session_id_handshake(runtime, loopback, daemon):
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Transmission 3.00 (bb6b5a062e) (RPC 16)"
    first, second = loopback.requests_to(RPC)
    assert first.header(HEADER) is None and second.header(HEADER) == daemon.session_id
    assert second.json() == {
        "method": "session-get",
        "arguments": {"fields": ["version", "rpc-version"]},
    }
    assert second.header("Content-Type") == "application/json"


async def test_session_id_is_cached_per_app_and_refreshed_on_409(runtime, loopback, daemon):
    app = target(loopback.url)
    await runtime.test_connection(app)
    await runtime.fetch(app, "speeds")
    assert daemon.conflicts == 1  # the second call reused the id
    daemon.session_id = "rotated-after-daemon-restart"
    await runtime.fetch(app, "torrents")
    assert daemon.conflicts == 3  # both concurrent calls of the fetch retried once each
    assert loopback.requests[-1].header(HEADER) == "rotated-after-daemon-restart"


async def test_speeds(runtime, loopback, daemon):
    stats = copy.deepcopy(daemon.bodies["session-stats"])
    stats["arguments"].update(downloadSpeed=1_250_000, uploadSpeed=4096)
    daemon.bodies["session-stats"] = stats
    data = (await runtime.fetch(target(loopback.url), "speeds")).value.data
    values = {s.label: (s.value, s.unit) for s in data.stats}
    assert values == {
        "Download": (1_250_000, "B/s"),
        "Upload": (4096, "B/s"),
        "Leeching": (1, ""),
        "Seeding": (1, ""),
    }
    methods = sorted(r["method"] for r in daemon.rpc_requests())
    assert methods == ["session-stats", "torrent-get"]


async def test_speed_history(runtime, loopback, daemon):
    daemon.bodies["session-stats"]["arguments"]["downloadSpeed"] = 777
    data = (await runtime.fetch(target(loopback.url), "speed_history")).value.data
    assert [s.name for s in data.series] == ["Download", "Upload"]
    assert data.series[0].points[0].v == 777 and data.unit == "B/s"


async def test_torrents_list_has_readable_statuses(runtime, loopback, daemon):
    result = (await runtime.fetch(target(loopback.url), "torrents")).value
    rows = {r.title: r for r in result.data.rows}
    assert rows["ubuntu-seed.iso"].status == "Seeding"
    assert rows["debian-missing.iso"].status == "Stalled"  # downloading at 0 B/s
    assert rows["debian-missing.iso"].level is Severity.INFO
    assert rows["ubuntu-seed.iso"].detail.startswith("100.0%")
    assert result.alerts == []
    fields = next(r for r in daemon.rpc_requests() if r["method"] == "torrent-get")
    assert {"hashString", "status", "percentDone", "errorString"} <= set(
        fields["arguments"]["fields"]
    )


async def test_torrent_in_error_is_a_warning_row_and_an_alert(runtime, loopback, daemon):
    body = copy.deepcopy(daemon.bodies["torrent-get"])
    broken = body["arguments"]["torrents"][1]
    broken.update(error=3, errorString="No data found! Ensure your drives are connected", status=0)
    daemon.bodies["torrent-get"] = body
    result = (await runtime.fetch(target(loopback.url), "torrents")).value
    first = result.data.rows[0]
    assert (first.title, first.status, first.level) == (
        "debian-missing.iso",
        "Error",
        Severity.WARNING,
    )
    assert "No data found" in first.detail
    [alert] = result.alerts
    assert alert.key == f"torrent:{MISSING_HASH}" and alert.severity is Severity.WARNING
    assert alert.source == "Transmission"


async def test_progress_lists_incomplete_torrents(runtime, loopback, daemon):
    body = copy.deepcopy(daemon.bodies["torrent-get"])
    body["arguments"]["torrents"][1].update(percentDone=0.25, rateDownload=2048, eta=90)
    daemon.bodies["torrent-get"] = body
    data = (await runtime.fetch(target(loopback.url), "progress")).value.data
    [item] = data.items
    assert (item.label, item.percent, item.eta_seconds) == ("debian-missing.iso", 25.0, 90)
    assert item.detail.startswith("Downloading") and "2.0 KiB/s" in item.detail


@pytest.mark.parametrize(
    ("action", "method"), [("pause_all", "torrent-stop"), ("resume_all", "torrent-start")]
)
async def test_actions_address_every_torrent(runtime, loopback, daemon, action, method):
    summary = await runtime.run_action(target(loopback.url), action)
    assert "Transmission" in summary
    assert daemon.rpc_requests()[-1] == {"method": method}  # no "ids": all torrents


async def test_custom_rpc_path(runtime, loopback):
    daemon = FakeDaemon(loopback, path="/tr/rpc")
    outcome = await runtime.test_connection(target(loopback.url, rpc_url="tr"))
    assert outcome.ok and daemon.conflicts == 1


async def test_wrong_password(runtime, loopback, daemon):
    outcome = await runtime.test_connection(target(loopback.url, password="wrong"))
    assert isinstance(outcome.error, AuthError)
    assert outcome.error.code == "invalid_auth"


async def test_conflict_without_session_header_is_not_transmission(runtime, loopback):
    loopback.route("POST", RPC, Response(409, "<h1>409: Conflict</h1>"))
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert HEADER in outcome.error.message


async def test_unknown_method_answer_is_reported(runtime, loopback, daemon):
    daemon.bodies["session-get"] = recorded("method-unknown")["body"]
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert "method name not recognized" in outcome.error.message


@pytest.mark.parametrize(
    "answer",
    [
        Response(
            200, "<!doctype html><html><body>Login</body></html>", {"Content-Type": "text/html"}
        ),
        Response(200, {"status": "ok"}),
        Response(200, {"result": "success", "arguments": {"torrents": "none"}}),
    ],
    ids=["html", "other-json", "wrong-arguments"],
)
async def test_wrong_shape(runtime, loopback, answer):
    loopback.route("POST", RPC, answer)
    with pytest.raises(BadResponseError) as err:
        await runtime.fetch(target(loopback.url), "torrents")
    assert err.value.integration == "transmission"
    assert "transmission" in err.value.message


async def test_unreachable(runtime, dead_url):
    with pytest.raises(UnreachableError):
        await runtime.fetch(target(dead_url), "speeds")
