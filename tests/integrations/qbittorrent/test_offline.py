"""qBittorrent against a loopback server replaying answers recorded from qbittorrent-nox 4.5.2.

The scripted server behaves like the real Web API: the login form sets a ``SID`` cookie (or
answers 200 ``Fails.``), every other call without the current cookie gets 403 ``Forbidden``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from integrations.errors import AuthError, BadResponseError, BadStatusError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Target
from tests.support.loopback import LoopbackServer, Request, Response

FIXTURES = Path(__file__).parent / "fixtures"
LOGIN = "/api/v2/auth/login"
USER, PASSWORD = "admin", "adminadmin1"
MISSING_HASH = "886b48d93187177fdcb8623b8b87d0a9138a4894"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def form(request: Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.body.decode()).items()}


class FakeQbittorrent:
    """Login, cookie checks and recorded bodies; ``sid`` changes to expire the session."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        self.sid = "JSpgvGT52EDrKlqi6bZYPihMKb45qqMc"
        self.bodies: dict[str, Any] = {
            "/api/v2/app/version": recorded("app-version")["body"],
            "/api/v2/app/webapiVersion": recorded("webapi-version")["body"],
            "/api/v2/transfer/info": recorded("transfer-info")["body"],
            "/api/v2/torrents/info": recorded("torrents-info")["body"],
        }
        self.posts: dict[str, Response] = {
            "/api/v2/torrents/pause": Response(200, ""),
            "/api/v2/torrents/resume": Response(200, ""),
            "/api/v2/torrents/stop": Response(404, recorded("stop-404")["body"]),
            "/api/v2/torrents/start": Response(404, recorded("stop-404")["body"]),
        }
        server.route("POST", LOGIN, self.login)
        for path in self.bodies:
            server.route("GET", path, self.get)
        for path in self.posts:
            server.route("POST", path, self.post)

    def login(self, request: Request) -> Response:
        if form(request) != {"username": USER, "password": PASSWORD}:
            return Response(200, recorded("login-wrong")["body"])
        cookie = f"SID={self.sid}; HttpOnly; path=/; SameSite=Strict"
        return Response(200, recorded("login")["body"], headers={"Set-Cookie": cookie})

    def _authorised(self, request: Request) -> bool:
        return request.header("Cookie") == f"SID={self.sid}"

    def get(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(403, recorded("version-unauthenticated")["body"])
        return Response(200, self.bodies[request.path])

    def post(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(403, "Forbidden")
        return self.posts[request.path]

    def logins(self) -> int:
        return len(self.server.requests_to(LOGIN))


def target(url: str, **config: Any) -> Target:
    return Target(
        "qb", "qBittorrent", url, "qbittorrent", {"username": USER, "password": PASSWORD, **config}
    )


@pytest.fixture
def qbt(loopback: LoopbackServer) -> FakeQbittorrent:
    return FakeQbittorrent(loopback)


async def test_connection_logs_in_with_the_form(runtime, loopback, qbt):
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "qBittorrent v4.5.2 (Web API 2.8.19)"
    [login] = loopback.requests_to(LOGIN)
    assert form(login) == {"username": USER, "password": PASSWORD}
    assert login.header("Content-Type") == "application/x-www-form-urlencoded"
    version = loopback.requests_to("/api/v2/app/version")[0]
    assert version.header("Cookie") == f"SID={qbt.sid}"


async def test_wrong_password_is_an_auth_error_without_retries(runtime, loopback, qbt):
    outcome = await runtime.test_connection(target(loopback.url, password="nope"))
    assert isinstance(outcome.error, AuthError)
    assert qbt.logins() == 1


async def test_banned_address_says_so(runtime, loopback, qbt):
    loopback.route("POST", LOGIN, Response(403, recorded("login-banned")["body"]))
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, AuthError)
    assert "banned" in outcome.error.message and "ban" in outcome.error.hint


async def test_expired_session_logs_in_again_once(runtime, loopback, qbt):
    app = target(loopback.url)
    await runtime.fetch(app, "speeds")
    assert qbt.logins() == 1
    qbt.sid = "a-new-session-after-timeout"  # the old cookie now gets 403
    data = (await runtime.fetch(app, "torrents", force=True)).value.data
    assert len(data.rows) == 2
    assert qbt.logins() == 2


async def test_session_refused_after_relogin_is_an_auth_error(runtime, loopback, qbt):
    loopback.route("GET", "/api/v2/transfer/info", Response(403, "Forbidden"))
    with pytest.raises(AuthError):
        await runtime.fetch(target(loopback.url), "speeds")
    assert qbt.logins() == 2  # first login + exactly one re-login, no loop


async def test_speeds(runtime, loopback, qbt):
    info = copy.deepcopy(qbt.bodies["/api/v2/transfer/info"])
    info.update(dl_info_speed=3_000_000, up_info_speed=512)
    qbt.bodies["/api/v2/transfer/info"] = info
    data = (await runtime.fetch(target(loopback.url), "speeds")).value.data
    assert {s.label: s.value for s in data.stats} == {
        "Download": 3_000_000,
        "Upload": 512,
        "Leeching": 1,
        "Seeding": 1,
    }
    assert data.stats[0].unit == "B/s"


async def test_speed_history(runtime, loopback, qbt):
    qbt.bodies["/api/v2/transfer/info"] = {
        **qbt.bodies["/api/v2/transfer/info"],
        "up_info_speed": 99,
    }
    data = (await runtime.fetch(target(loopback.url), "speed_history")).value.data
    assert [(s.name, s.points[0].v) for s in data.series] == [("Download", 0), ("Upload", 99)]


async def test_torrents_and_progress(runtime, loopback, qbt):
    app = target(loopback.url)
    rows = {r.title: r for r in (await runtime.fetch(app, "torrents")).value.data.rows}
    assert rows["ubuntu-seed.iso"].status == "Seeding"  # stalledUP
    assert rows["debian-missing.iso"].status == "Stalled"  # stalledDL
    [item] = (await runtime.fetch(app, "progress")).value.data.items
    assert item.label == "debian-missing.iso" and item.percent == 0
    assert item.eta_seconds is None  # 8640000 = qBittorrent's "infinity"


async def test_missing_files_is_a_warning_and_an_alert(runtime, loopback, qbt):
    torrents = copy.deepcopy(qbt.bodies["/api/v2/torrents/info"])
    torrents[1]["state"] = "missingFiles"
    qbt.bodies["/api/v2/torrents/info"] = torrents
    result = (await runtime.fetch(target(loopback.url), "torrents")).value
    assert (result.data.rows[0].status, result.data.rows[0].level) == ("Error", Severity.WARNING)
    [alert] = result.alerts
    assert alert.key == f"torrent:{MISSING_HASH}" and "missing" in alert.message.lower()


@pytest.mark.parametrize(("action", "verb"), [("pause_all", "pause"), ("resume_all", "resume")])
async def test_actions_on_4x(runtime, loopback, qbt, action, verb):
    summary = await runtime.run_action(target(loopback.url), action)
    assert "qBittorrent" in summary
    [sent] = loopback.requests_to(f"/api/v2/torrents/{verb}")
    assert form(sent) == {"hashes": "all"}
    assert sent.header("Cookie") == f"SID={qbt.sid}"
    assert loopback.requests_to("/api/v2/torrents/stop") == []


async def test_actions_fall_back_to_5x_names_and_remember(runtime, loopback, qbt):
    qbt.posts["/api/v2/torrents/pause"] = Response(404, recorded("stop-404")["body"])
    qbt.posts["/api/v2/torrents/stop"] = Response(200, "")
    app = target(loopback.url)
    await runtime.run_action(app, "pause_all")
    await runtime.run_action(app, "pause_all")
    assert len(loopback.requests_to("/api/v2/torrents/pause")) == 1  # tried once, then skipped
    assert [form(r) for r in loopback.requests_to("/api/v2/torrents/stop")] == [
        {"hashes": "all"}
    ] * 2


async def test_neither_action_name_exists(runtime, loopback, qbt):
    qbt.posts["/api/v2/torrents/pause"] = Response(404, "Not Found")
    with pytest.raises(BadStatusError) as err:
        await runtime.run_action(target(loopback.url), "pause_all")
    assert err.value.status_code == 404 and "stop" in err.value.message


async def test_login_page_instead_of_the_api(runtime, loopback):
    html = Response(
        200, "<!doctype html><html><body>Sign in</body></html>", {"Content-Type": "text/html"}
    )
    loopback.route("POST", LOGIN, html)
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert outcome.error.integration == "qbittorrent"


@pytest.mark.parametrize(
    "body",
    ["<html><body>proxy error</body></html>", {"torrents": []}, [{"name": "no hash or state"}]],
    ids=["html", "object", "wrong-items"],
)
async def test_wrong_shape(runtime, loopback, qbt, body):
    qbt.bodies["/api/v2/torrents/info"] = body
    with pytest.raises(BadResponseError) as err:
        await runtime.fetch(target(loopback.url), "torrents")
    assert "qbittorrent" in err.value.message


async def test_unreachable(runtime, dead_url):
    with pytest.raises(UnreachableError):
        await runtime.fetch(target(dead_url), "speeds")
