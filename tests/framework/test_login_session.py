"""LoginSession against a real server that issues, expires and refuses tokens."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest

from integrations import client as client_module
from integrations.client import HttpClient, LoginSession
from integrations.errors import AuthError
from tests.support.loopback import LoopbackServer, Request, Response


class TokenService:
    """Server side: ``POST /login`` hands out tokens, ``GET /data`` wants a live one."""

    def __init__(self, server: LoopbackServer, *, login_delay: float = 0.0) -> None:
        self.live: set[str] = set()
        self.refuse_all = False
        self._counter = itertools.count(1)
        server.route("POST", "/login", self.login)
        server.route("GET", "/data", self.data)
        self.login_delay = login_delay

    def login(self, _request: Request) -> Response:
        token = f"t{next(self._counter)}"
        self.live.add(token)
        return Response(200, {"token": token}, delay=self.login_delay)

    def data(self, request: Request) -> Response:
        token = request.header("X-Token")
        if self.refuse_all or token not in self.live:
            return Response(403, {"error": "session expired"})
        return Response(200, {"token": token})


class TokenSession(LoginSession):
    expiry_margin = 0.0

    def __init__(self, lifetime: float | None = None) -> None:
        super().__init__()
        self.logins = 0
        self.lifetime = lifetime

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        self.logins += 1
        answer = await http.post_json("/login")
        return {"X-Token": answer["token"]}, self.lifetime


@pytest.fixture
async def http(loopback: LoopbackServer) -> AsyncIterator[HttpClient]:
    client = HttpClient(loopback.url, integration="demo")
    yield client
    await client.aclose()


async def test_concurrent_requests_share_one_login(
    http: HttpClient, loopback: LoopbackServer
) -> None:
    TokenService(loopback, login_delay=0.2)
    session = TokenSession()
    answers = await asyncio.gather(*(session.get_json(http, "/data") for _ in range(5)))
    assert session.logins == 1
    assert len(loopback.requests_to("/login")) == 1
    assert {a["token"] for a in answers} == {"t1"}


async def test_expired_session_logs_in_again_once(
    http: HttpClient, loopback: LoopbackServer
) -> None:
    service = TokenService(loopback)
    session = TokenSession()
    assert (await session.get_json(http, "/data"))["token"] == "t1"
    service.live.clear()  # the service restarted: every session is gone
    assert (await session.get_json(http, "/data"))["token"] == "t2"
    assert session.logins == 2
    assert len(loopback.requests_to("/data")) == 3  # ok, refused, retried


async def test_a_second_refusal_is_an_auth_error_not_a_loop(
    http: HttpClient, loopback: LoopbackServer
) -> None:
    service = TokenService(loopback)
    service.refuse_all = True  # e.g. the user lacks the rights, whatever the session
    session = TokenSession()
    with pytest.raises(AuthError, match="refused a fresh session"):
        await session.get_json(http, "/data")
    assert session.logins == 2
    assert len(loopback.requests_to("/data")) == 2
    assert not session.logged_in


async def test_lifetime_expiry_logs_in_before_the_service_refuses(
    http: HttpClient, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The session's clock is moved by the test, so a slow machine cannot expire it early.
    now = [1000.0]
    monkeypatch.setattr(client_module, "time", SimpleNamespace(monotonic=lambda: now[0]))
    TokenService(loopback)
    session = TokenSession(lifetime=300)
    await session.get_json(http, "/data")
    now[0] += 299
    await session.get_json(http, "/data")
    assert session.logins == 1
    now[0] += 2
    assert not session.logged_in
    assert (await session.get_json(http, "/data"))["token"] == "t2"
    assert session.logins == 2
    # no request was refused: the expiry was known in advance
    assert all(r.header("X-Token") for r in loopback.requests_to("/data"))


async def test_a_refused_login_propagates(http: HttpClient, loopback: LoopbackServer) -> None:
    loopback.json("POST", "/login", {"error": "bad password"}, status=401)
    session = TokenSession()
    with pytest.raises(AuthError):
        await session.get_json(http, "/data")
    assert loopback.requests_to("/data") == []


async def test_requests_waiting_on_a_refused_login_share_its_refusal(
    http: HttpClient, loopback: LoopbackServer
) -> None:
    """Single flight: ten widgets behind one refused login make one login, not ten."""
    loopback.route("POST", "/login", Response(401, {"error": "bad password"}, delay=0.2))
    session = TokenSession()
    results = await asyncio.gather(
        *(session.get_json(http, "/data") for _ in range(5)), return_exceptions=True
    )
    assert all(isinstance(r, AuthError) for r in results)
    assert len(loopback.requests_to("/login")) == 1
    with pytest.raises(AuthError):  # a later, separate attempt does log in again
        await session.get_json(http, "/data")
    assert len(loopback.requests_to("/login")) == 2
