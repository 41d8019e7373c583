"""The DNS-blocker family against loopback servers answering as each API documents:
Pi-hole v5 (``admin/api.php``) and v6 (sessions), AdGuard Home, Technitium.

Pi-hole v6 counts sessions against a seat limit: the tests count logins and logouts on the
server to prove one session per app is reused and released when the runtime closes.
"""

from __future__ import annotations

import base64

import pytest

from integrations.errors import AuthError, BadResponseError, RateLimitedError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

PASSWORD = "correct horse battery staple"
SID = "vS6K1YWfPJ3Mx4WkfXlQ0g="


# -- Pi-hole v6 ----------------------------------------------------------------------------------


class PiholeV6:
    """A Pi-hole v6 API: sessions with a seat limit, blocking state, stats."""

    def __init__(self, loopback: LoopbackServer, seats: int = 16) -> None:
        self.logins = 0
        self.logouts = 0
        self.active: set[str] = set()
        self.seats = seats
        self.blocking = {"blocking": "enabled", "timer": None}
        loopback.route("GET", "/api/auth", self.auth_status)
        loopback.route("POST", "/api/auth", self.login)
        loopback.route("DELETE", "/api/auth", self.logout)
        loopback.route(
            "GET",
            "/api/info/version",
            self.guarded(lambda r: {"version": {"core": {"local": {"version": "v6.0.4"}}}}),
        )
        loopback.route("GET", "/api/stats/summary", self.guarded(lambda r: {
            "queries": {"total": 48213, "blocked": 6121, "percent_blocked": 12.7},
            "gravity": {"domains_being_blocked": 171046}}))  # fmt: skip
        loopback.route("GET", "/api/dns/blocking", self.guarded(lambda r: self.blocking))
        loopback.route("POST", "/api/dns/blocking", self.guarded(self.set_blocking))
        loopback.route("GET", "/api/stats/top_domains", self.guarded(lambda r: {
            "domains": [{"domain": "ads.example.net", "count": 1204}, {"domain": "t.example.org", "count": 99}],
            "total_queries": 48213, "blocked_queries": 6121}))  # fmt: skip

    def auth_status(self, req: Request) -> Response:
        return Response(
            401, {"session": {"valid": False, "totp": False, "sid": None, "validity": -1}}
        )

    def login(self, req: Request) -> Response:
        self.logins += 1
        if req.json().get("password") != PASSWORD:
            return Response(401, {"session": {"valid": False, "totp": False, "sid": None,
                                              "validity": -1, "message": "password incorrect"}})  # fmt: skip
        if len(self.active) >= self.seats:
            return Response(429, {"error": {"key": "api_seats_exceeded", "message": "API seats exceeded",
                                            "hint": "increase webserver.api.max_sessions"}},
                            headers={"Retry-After": "300"})  # fmt: skip
        sid = f"{SID}{self.logins}"
        self.active.add(sid)
        return Response(200, {"session": {"valid": True, "totp": False, "sid": sid, "csrf": "x",
                                          "validity": 1800, "message": "password correct"}})  # fmt: skip

    def logout(self, req: Request) -> Response:
        self.logouts += 1
        self.active.discard(req.header("x-ftl-sid") or "")
        return Response(204, b"")

    def guarded(self, make):  # type: ignore[no-untyped-def]
        def handler(req: Request) -> Response:
            if req.header("x-ftl-sid") not in self.active:
                return Response(401, {"error": {"key": "unauthorized", "message": "Unauthorized"}})
            return Response(200, make(req))

        return handler

    def set_blocking(self, req: Request) -> dict[str, object]:
        body = req.json()
        self.blocking = {
            "blocking": "enabled" if body["blocking"] else "disabled",
            "timer": body.get("timer"),
        }
        return self.blocking


def pihole(url: str, key: str = PASSWORD, version: str = "auto") -> Target:
    return Target(
        "p",
        "Pi-hole",
        url,
        "pihole",
        config={"key": key, "version": version},
        timeout=REQUEST_TIMEOUT,
    )


async def test_v6_summary_top_and_one_session_reused(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    server = PiholeV6(loopback)
    outcome = await runtime.test_connection(pihole(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Pi-hole v6.0.4"
    stats = (await fetch(runtime, pihole(loopback.url), "summary")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Queries", 48213), ("Blocked", 6121), ("Blocked %", 12.7), ("Blocking", "on")
    ]  # fmt: skip
    for _ in range(5):
        await fetch(runtime, pihole(loopback.url), "top_blocked")
    rows = (await fetch(runtime, pihole(loopback.url), "top_blocked")).data.rows
    assert [(r.title, r.status) for r in rows] == [
        ("ads.example.net", "1,204"),
        ("t.example.org", "99"),
    ]
    assert server.logins == 1  # one session for every call of this app


async def test_v6_session_is_released_when_the_runtime_closes(loopback: LoopbackServer) -> None:
    server = PiholeV6(loopback)
    runtime = Runtime()
    await fetch(runtime, pihole(loopback.url), "summary")
    assert len(server.active) == 1
    await runtime.aclose()
    assert server.logouts == 1 and server.active == set()


async def test_v6_disable_for_five_minutes_then_warning(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    server = PiholeV6(loopback)
    assert (
        await runtime.run_action(pihole(loopback.url), "disable_5m")
        == "Blocking disabled for 5 minutes"
    )
    assert server.blocking == {"blocking": "disabled", "timer": 300}
    result = await fetch(runtime, pihole(loopback.url), "summary")
    blocking = result.data.stats[3]
    assert blocking.value == "off (5m left)" and blocking.level is Severity.WARNING
    assert [a.message for a in result.alerts] == ["ad blocking is off (5m left)"]
    await runtime.run_action(pihole(loopback.url), "enable")
    assert server.blocking["blocking"] == "enabled"


async def test_v6_wrong_password_is_refused_once(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    server = PiholeV6(loopback)
    with pytest.raises(AuthError, match="password incorrect"):
        await fetch(runtime, pihole(loopback.url, key="wrong"), "summary")
    assert server.logins == 1


async def test_v6_seats_exceeded_is_a_rate_limit(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    PiholeV6(loopback, seats=0)
    with pytest.raises(RateLimitedError) as caught:
        await fetch(runtime, pihole(loopback.url), "summary")
    assert caught.value.retry_after == 300


# -- Pi-hole v5 ----------------------------------------------------------------------------------

TOKEN = "a" * 64


def serve_v5(loopback: LoopbackServer, summary: object | None = None) -> list[dict[str, str]]:
    calls: list[dict[str, str]] = []

    def api(req: Request) -> Response:
        params = {k: v[0] for k, v in req.query.items()}
        calls.append(params)
        if params.get("auth") != TOKEN:
            return Response(200, [])  # how v5 says "wrong token"
        if "topItems" in params:
            return Response(
                200, {"top_queries": {"example.com": 50}, "top_ads": {"ads.example.net": 321}}
            )
        if "disable" in params:
            return Response(200, {"status": "disabled"})
        return Response(200, summary if summary is not None else {
            "domains_being_blocked": 120000, "dns_queries_today": 20000, "ads_blocked_today": 2500,
            "ads_percentage_today": 12.5, "status": "enabled"})  # fmt: skip

    loopback.route("GET", "/admin/api.php", api)
    return calls


async def test_v5_detected_summary_and_disable(loopback: LoopbackServer, runtime: Runtime) -> None:
    calls = serve_v5(loopback)  # /api/auth is not routed: 404, so v5
    target = pihole(loopback.url, key=TOKEN)
    stats = (await fetch(runtime, target, "summary")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Queries", 20000), ("Blocked", 2500), ("Blocked %", 12.5), ("Blocking", "on")
    ]  # fmt: skip
    rows = (await fetch(runtime, target, "top_blocked")).data.rows
    assert [(r.title, r.status) for r in rows] == [("ads.example.net", "321")]
    await runtime.run_action(target, "disable_1h")
    assert calls[-1]["disable"] == "3600"


async def test_v5_wrong_token_and_wrong_shape(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_v5(loopback, summary={"unexpected": True})
    with pytest.raises(AuthError, match="token was refused"):
        await fetch(runtime, pihole(loopback.url, key="nope", version="5"), "summary")
    with pytest.raises(BadResponseError, match="dns_queries_today"):
        await fetch(runtime, pihole(loopback.url, key=TOKEN, version="5"), "summary")


# -- AdGuard Home --------------------------------------------------------------------------------

BASIC = "Basic " + base64.b64encode(b"admin:" + PASSWORD.encode()).decode()


def serve_adguard(loopback: LoopbackServer) -> dict[str, object]:
    state: dict[str, object] = {"protection_enabled": True, "protection_disabled_duration": 0}

    def guard(make):  # type: ignore[no-untyped-def]
        return lambda req: (
            Response(200, make(req))
            if req.header("authorization") == BASIC
            else Response(401, b"Unauthorized")
        )

    def protection(req: Request) -> object:
        body = req.json()
        state["protection_enabled"] = body["enabled"]
        state["protection_disabled_duration"] = body.get("duration", 0)
        return "OK"

    loopback.route(
        "GET",
        "/control/status",
        guard(lambda r: {"version": "v0.107.55", "running": True, **state}),
    )
    loopback.route("GET", "/control/stats", guard(lambda r: {
        "num_dns_queries": 10000, "num_blocked_filtering": 1500, "avg_processing_time": 0.012,
        "top_blocked_domains": [{"doubleclick.example": 700}, {"tracker.example": 80}]}))  # fmt: skip
    loopback.route("POST", "/control/protection", guard(protection))
    return state


def adguard(url: str, password: str = PASSWORD) -> Target:
    return Target(
        "a",
        "AdGuard",
        url,
        "adguard",
        config={"username": "admin", "password": password},
        timeout=REQUEST_TIMEOUT,
    )


async def test_adguard_summary_top_and_disable(loopback: LoopbackServer, runtime: Runtime) -> None:
    state = serve_adguard(loopback)
    outcome = await runtime.test_connection(adguard(loopback.url))
    assert outcome.ok and outcome.summary == "AdGuard Home v0.107.55", outcome.error
    stats = (await fetch(runtime, adguard(loopback.url), "summary")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Queries", 10000), ("Blocked", 1500), ("Blocked %", 15.0), ("Blocking", "on")
    ]  # fmt: skip
    rows = (await fetch(runtime, adguard(loopback.url), "top_blocked")).data.rows
    assert [r.title for r in rows] == ["doubleclick.example", "tracker.example"]
    await runtime.run_action(adguard(loopback.url), "disable_1h")
    assert state == {"protection_enabled": False, "protection_disabled_duration": 3_600_000}


async def test_adguard_refused(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_adguard(loopback)
    outcome = await runtime.test_connection(adguard(loopback.url, password="wrong"))
    assert isinstance(outcome.error, AuthError)


# -- Technitium ----------------------------------------------------------------------------------

API_TOKEN = "5d1a3f0c9e7b6a4d2c1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c"


def serve_technitium(loopback: LoopbackServer, stats: object | None = None) -> dict[str, object]:
    settings: dict[str, object] = {
        "version": "13.2",
        "enableBlocking": True,
        "temporaryDisableBlockingTill": None,
    }

    def api(make):  # type: ignore[no-untyped-def]
        def handler(req: Request) -> Response:
            if req.param("token") != API_TOKEN:
                return Response(
                    200,
                    {
                        "status": "invalid-token",
                        "errorMessage": "Invalid token or session expired.",
                    },
                )
            return Response(200, {"status": "ok", "response": make(req)})

        return handler

    def set_(req: Request) -> object:
        settings["enableBlocking"] = req.param("enableBlocking") == "true"
        return settings

    loopback.route("GET", "/api/settings/get", api(lambda r: settings))
    loopback.route("GET", "/api/settings/set", api(set_))
    loopback.route("GET", "/api/dashboard/stats/get", api(lambda r: stats if stats is not None else {
        "stats": {"totalQueries": 900, "totalBlocked": 90, "blockListZones": 250000},
        "topBlockedDomains": [{"name": "ads.example", "hits": 40}]}))  # fmt: skip
    return settings


def technitium(url: str, token: str = API_TOKEN) -> Target:
    return Target("t", "DNS", url, "technitium", config={"api_key": token}, timeout=REQUEST_TIMEOUT)


async def test_technitium_summary_and_disable(loopback: LoopbackServer, runtime: Runtime) -> None:
    settings = serve_technitium(loopback)
    outcome = await runtime.test_connection(technitium(loopback.url))
    assert outcome.ok and outcome.summary == "Technitium DNS 13.2", outcome.error
    stats = (await fetch(runtime, technitium(loopback.url), "summary")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Queries", 900), ("Blocked", 90), ("Blocked %", 10.0), ("Blocking", "on")
    ]  # fmt: skip
    await runtime.run_action(technitium(loopback.url), "disable")
    assert settings["enableBlocking"] is False


async def test_technitium_refused_and_wrong_shape(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve_technitium(loopback, stats={"nothing": "here"})
    with pytest.raises(AuthError, match="Invalid token"):
        await fetch(runtime, technitium(loopback.url, token="nope"), "summary")
    with pytest.raises(BadResponseError, match="no 'stats'"):
        await fetch(runtime, technitium(loopback.url), "summary")
