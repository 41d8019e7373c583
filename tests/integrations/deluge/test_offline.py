"""Deluge against a loopback server replaying JSON-RPC answers recorded from deluge-web 2.0.3.

The scripted web UI behaves like the real one: ``auth.login`` sets ``_session_id`` (or answers
``{"result": false}``), calls without the current cookie get error code 1 "Not authenticated",
and ``web.update_ui`` says ``connected: false`` until ``web.connect`` is called when the test
starts it disconnected.
"""

from __future__ import annotations

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
PASSWORD = "deluge-web-pw"
SEED_HASH = "9b64b481a12ab943fac8dd6d18277dc7d0a5b718"
MISSING_HASH = "886b48d93187177fdcb8623b8b87d0a9138a4894"
HOST_ID = "00000000000000000000000000000001"


def recorded(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


class FakeDelugeWeb:
    def __init__(self, server: LoopbackServer, *, connected: bool = True) -> None:
        self.server = server
        self.session = "901633b935c042e91e1aefd1f9994343bedda21b"
        self.connected = connected
        self.host_status = recorded("web-get-host-status")
        self.results: dict[str, Any] = {
            "web.get_hosts": recorded("web-get-hosts"),
            "daemon.get_version": recorded("daemon-get-version"),
            "web.update_ui": recorded("web-update-ui"),
            "core.pause_torrents": recorded("core-pause-torrents"),
            "core.resume_torrents": recorded("core-pause-torrents"),
            "core.get_torrents_status": recorded("core-get-torrents-status"),
        }
        server.route("POST", "/json", self.handle)

    def handle(self, request: Request) -> Response:
        call = request.json()
        method, params = call["method"], call["params"]
        if method == "auth.login":
            if params != [PASSWORD]:
                return Response(200, recorded("auth-login-wrong"))
            cookie = f"_session_id={self.session}; Path=/json"
            return Response(200, recorded("auth-login"), headers={"Set-Cookie": cookie})
        if request.header("Cookie") != f"_session_id={self.session}":
            return Response(200, recorded("not-authenticated"))
        if method == "web.get_host_status":
            return Response(200, self.host_status)
        if method == "web.connect":
            self.connected = True
            return Response(200, recorded("web-connect"))
        if method == "web.update_ui" and not self.connected:
            return Response(200, recorded("web-update-ui-disconnected"))
        return Response(200, self.results.get(method, recorded("unknown-method")))

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        sent = [r.json() for r in self.server.requests_to("/json")]
        return [c for c in sent if method is None or c["method"] == method]


def target(url: str, password: str = PASSWORD) -> Target:
    return Target("dl", "Deluge", url, "deluge", {"password": password})


@pytest.fixture
def web(loopback: LoopbackServer) -> FakeDelugeWeb:
    return FakeDelugeWeb(loopback)


async def test_connection(runtime, loopback, web):
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Deluge 2.0.3"
    login, *rest = loopback.requests_to("/json")
    assert login.json()["method"] == "auth.login" and login.json()["params"] == [PASSWORD]
    assert login.header("Content-Type") == "application/json"
    assert all(r.header("Cookie") == f"_session_id={web.session}" for r in rest)
    assert [c["method"] for c in web.calls()][1:] == ["web.update_ui", "daemon.get_version"]


async def test_wrong_password(runtime, loopback, web):
    outcome = await runtime.test_connection(target(loopback.url, "wrong"))
    assert isinstance(outcome.error, AuthError) and outcome.error.code == "invalid_auth"
    assert len(web.calls("auth.login")) == 1


async def test_expired_session_logs_in_again_once(runtime, loopback, web):
    app = target(loopback.url)
    await runtime.fetch(app, "speeds")
    web.session = "a-new-session"  # the server forgot the old cookie
    await runtime.fetch(app, "speeds", force=True)
    assert len(web.calls("auth.login")) == 2


async def test_disconnected_web_ui_is_connected_to_an_online_daemon(runtime, loopback):
    web = FakeDelugeWeb(loopback, connected=False)
    data = (await runtime.fetch(target(loopback.url), "torrents")).value.data
    assert len(data.rows) == 2
    [connect] = web.calls("web.connect")
    assert connect["params"] == [HOST_ID]
    assert web.calls("web.get_host_status")[0]["params"] == [HOST_ID]


async def test_no_daemon_online(runtime, loopback):
    web = FakeDelugeWeb(loopback, connected=False)
    web.host_status = {**web.host_status, "result": [HOST_ID, "Offline", ""]}
    with pytest.raises(UnreachableError) as err:
        await runtime.fetch(target(loopback.url), "speeds")
    assert "127.0.0.1:46979 Offline" in err.value.message
    assert "Connection Manager" in err.value.hint
    assert web.calls("web.connect") == []


async def test_speeds_and_history(runtime, loopback, web):
    ui = copy.deepcopy(web.results["web.update_ui"])
    ui["result"]["stats"].update(download_rate=65536, upload_rate=1024)
    web.results["web.update_ui"] = ui
    app = target(loopback.url)
    stats = (await runtime.fetch(app, "speeds")).value.data.stats
    assert [(s.label, s.value, s.unit) for s in stats] == [
        ("Download", 65536, "B/s"),
        ("Upload", 1024, "B/s"),
        ("Leeching", 1, ""),
        ("Seeding", 1, ""),
    ]
    chart = (await runtime.fetch(app, "speed_history")).value.data
    assert [s.points[0].v for s in chart.series] == [65536, 1024]
    fields, filters = web.calls("web.update_ui")[0]["params"]
    assert {"name", "state", "progress", "message"} <= set(fields) and filters == {}


async def test_torrents_progress_and_errors(runtime, loopback, web):
    ui = copy.deepcopy(web.results["web.update_ui"])
    ui["result"]["torrents"][MISSING_HASH].update(
        state="Error", message="Missing or invalid torrent data!"
    )
    ui["result"]["torrents"][SEED_HASH].update(
        state="Downloading", progress=40.0, download_payload_rate=100, eta=30
    )
    web.results["web.update_ui"] = ui
    app = target(loopback.url)
    result = (await runtime.fetch(app, "torrents")).value
    first, second = result.data.rows
    assert (first.title, first.status, first.level) == (
        "debian-missing.iso",
        "Error",
        Severity.WARNING,
    )
    assert "Missing or invalid torrent data!" in first.detail
    assert (second.status, second.level) == ("Downloading", Severity.OK)
    [alert] = result.alerts
    assert alert.key == f"torrent:{MISSING_HASH}"
    items = (await runtime.fetch(app, "progress")).value.data.items
    by_label = {i.label: i for i in items}
    assert (
        by_label["ubuntu-seed.iso"].percent == 40.0
        and by_label["ubuntu-seed.iso"].eta_seconds == 30
    )
    assert by_label["debian-missing.iso"].eta_seconds is None  # Deluge's 0 = unknown


async def test_incomplete_web_ui_answer_falls_back_to_the_daemon(runtime, loopback, web):
    web.results["web.update_ui"] = recorded("web-update-ui-partial")
    rows = (await runtime.fetch(target(loopback.url), "torrents")).value.data.rows
    assert {r.title for r in rows} == {"ubuntu-seed.iso", "debian-missing.iso"}
    [fallback] = web.calls("core.get_torrents_status")
    assert fallback["params"][0] == {} and "name" in fallback["params"][1]


async def test_complete_web_ui_answer_needs_no_fallback(runtime, loopback, web):
    await runtime.fetch(target(loopback.url), "torrents")
    assert web.calls("core.get_torrents_status") == []


async def test_recorded_statuses(runtime, loopback, web):
    rows = (await runtime.fetch(target(loopback.url), "torrents")).value.data.rows
    assert {r.title: r.status for r in rows} == {
        "ubuntu-seed.iso": "Seeding",
        "debian-missing.iso": "Stalled",  # "Downloading" at 0 B/s
    }


@pytest.mark.parametrize(
    ("action", "method"),
    [("pause_all", "core.pause_torrents"), ("resume_all", "core.resume_torrents")],
)
async def test_actions_send_every_torrent_id(runtime, loopback, web, action, method):
    summary = await runtime.run_action(target(loopback.url), action)
    assert "Deluge" in summary
    [sent] = web.calls(method)
    assert sent["params"] == [sorted([SEED_HASH, MISSING_HASH])]


async def test_service_error_is_reported(runtime, loopback, web):
    del web.results["daemon.get_version"]  # now answered with the recorded "Unknown method"
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert "daemon.get_version failed: Unknown method" in outcome.error.message


@pytest.mark.parametrize(
    "answer",
    [
        Response(
            200, "<!DOCTYPE html><html><title>Deluge</title></html>", {"Content-Type": "text/html"}
        ),
        Response(200, {"status": "ok"}),
        Response(200, {"result": {"connected": "yes", "torrents": 3}, "error": None, "id": 1}),
    ],
    ids=["html", "not-json-rpc", "wrong-result"],
)
async def test_wrong_shape(runtime, loopback, answer):
    loopback.route("POST", "/json", answer)
    with pytest.raises(BadResponseError) as err:
        await runtime.fetch(target(loopback.url), "torrents")
    assert err.value.integration == "deluge" and "deluge" in err.value.message


async def test_unreachable(runtime, dead_url):
    with pytest.raises(UnreachableError):
        await runtime.fetch(target(dead_url), "torrents")
