"""Integrations II with their own protocol quirks, offline against documented bodies: SABnzbd
(errors in a 200 body), Speedtest Tracker (two generations), Navidrome (Subsonic salted tokens),
Gitea (counts in headers), ntfy (JSON lines), Beszel (PocketBase login), Synology (sid in the
query), UniFi (UniFi OS vs legacy login, or an API key)."""

from __future__ import annotations

import hashlib
import json

import pytest

from integrations.errors import AuthError, BadResponseError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

KEY = "0123456789abcdef0123456789abcdef"
PASSWORD = "s3cret pass"


def target(url: str, integration: str, **config: object) -> Target:
    return Target("x", "Svc", url, integration, config=dict(config), timeout=REQUEST_TIMEOUT)


def stats(result) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    return [(s.label, s.value) for s in result.data.stats]


# -- SABnzbd ---------------------------------------------------------------------------------------


def serve_sabnzbd(loopback: LoopbackServer, queue: object | None = None) -> list[str]:
    modes: list[str] = []

    def api(req: Request) -> Response:
        mode = req.param("mode") or ""
        modes.append(mode)
        if mode == "version":
            return Response(200, {"version": "4.3.3"})
        if req.param("apikey") != KEY:
            return Response(200, {"status": False, "error": "API Key Incorrect"})
        if mode in ("pause", "resume"):
            return Response(200, {"status": True})
        return Response(200, {"queue": queue if queue is not None else {
            "status": "Downloading", "paused": False, "kbpersec": "2048.0", "mbleft": "1536.0",
            "timeleft": "0:12:48", "noofslots": 2, "slots": [
                {"nzo_id": "SABnzbd_nzo_a", "filename": "Big.Show.S01E01", "percentage": "40", "mb": "2048", "mbleft": "1228.8", "timeleft": "0:10:00", "status": "Downloading"},
                {"nzo_id": "SABnzbd_nzo_b", "filename": "Other.Thing", "percentage": "0", "mb": "300", "mbleft": "300", "timeleft": "0:02:48", "status": "Queued"},
            ]}})  # fmt: skip

    loopback.route("GET", "/api", api)
    return modes


async def test_sabnzbd_status_queue_pause(loopback: LoopbackServer, runtime: Runtime) -> None:
    modes = serve_sabnzbd(loopback)
    t = target(loopback.url, "sabnzbd", api_key=KEY)
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "SABnzbd 4.3.3 (2 in queue)", outcome.error
    assert stats(await fetch(runtime, t, "status")) == [
        ("Download", 2048.0 * 1024), ("Remaining", 1536.0 * 1024 * 1024), ("Time left", 768.0), ("State", "Downloading")
    ]  # fmt: skip
    items = (await fetch(runtime, t, "queue")).data.items
    assert [(i.label, i.percent, i.eta_seconds) for i in items] == [
        ("Big.Show.S01E01", 40.0, 600.0),
        ("Other.Thing", 0.0, 168.0),
    ]
    assert await runtime.run_action(t, "pause_all") == "SABnzbd: queue paused"
    assert modes[-1] == "pause"


async def test_sabnzbd_refused_key_and_wrong_shape(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve_sabnzbd(loopback, queue=["not", "a", "queue"])
    with pytest.raises(AuthError, match="API Key Incorrect"):
        await fetch(runtime, target(loopback.url, "sabnzbd", api_key="nope"), "status")
    with pytest.raises(BadResponseError, match="no 'queue'"):
        await fetch(runtime, target(loopback.url, "sabnzbd", api_key=KEY), "status")


# -- Speedtest Tracker -----------------------------------------------------------------------------


async def test_speedtest_both_generations(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/speedtest/latest", Response(200, {"message": "ok", "data": {
        "id": 7, "ping": 11.5, "download": 400.0, "upload": 40.0, "created_at": "2026-11-30 06:00:00"}}))  # fmt: skip
    loopback.route("GET", "/api/v1/results/latest", lambda req: Response(200, {"data": {
        "id": 9, "ping": 12.5, "download": 123456789, "upload": 12345678, "status": "completed",
        "created_at": "2026-11-30 07:00:00"}, "message": "Success"}) if req.header("authorization") == f"Bearer {KEY}"
        else Response(401, {"message": "Unauthenticated."}))  # fmt: skip
    v1 = stats(await fetch(runtime, target(loopback.url, "speedtest"), "latest"))
    assert v1 == [("Download", 50_000_000.0), ("Upload", 5_000_000.0), ("Ping", 11.5)]
    v2 = stats(await fetch(runtime, target(loopback.url, "speedtest", api_key=KEY), "latest"))
    assert v2 == [("Download", 123456789.0), ("Upload", 12345678.0), ("Ping", 12.5)]
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, "speedtest", api_key="bad"), "latest")


# -- Navidrome -------------------------------------------------------------------------------------


def serve_subsonic(loopback: LoopbackServer) -> list[dict[str, str]]:
    seen: list[dict[str, str]] = []

    def rest(body: dict[str, object]):  # type: ignore[no-untyped-def]
        def handler(req: Request) -> Response:
            params = {k: v[0] for k, v in req.query.items()}
            seen.append(params)
            good = hashlib.md5((PASSWORD + params.get("s", "")).encode()).hexdigest()
            if params.get("u") != "ana" or params.get("t") != good:
                return Response(200, {"subsonic-response": {"status": "failed", "version": "1.16.1",
                                                            "error": {"code": 40, "message": "Wrong username or password"}}})  # fmt: skip
            return Response(200, {"subsonic-response": {"status": "ok", "version": "1.16.1", "type": "navidrome",
                                                        "serverVersion": "0.53.3", **body}})  # fmt: skip

        return handler

    loopback.route("GET", "/rest/ping", rest({}))
    loopback.route(
        "GET",
        "/rest/getScanStatus",
        rest({"scanStatus": {"scanning": False, "count": 12345, "folderCount": 678}}),
    )
    loopback.route("GET", "/rest/getNowPlaying", rest({"nowPlaying": {"entry": [
        {"title": "Blue in Green", "artist": "Miles Davis", "album": "Kind of Blue", "username": "ana", "playerName": "Feishin"}]}}))  # fmt: skip
    return seen


async def test_navidrome_salted_token_library_now_playing(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    seen = serve_subsonic(loopback)
    t = target(loopback.url, "navidrome", username="ana", password=PASSWORD)
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "Navidrome 0.53.3", outcome.error
    assert stats(await fetch(runtime, t, "library")) == [
        ("Songs", 12345),
        ("Folders", 678),
        ("Scanning", "no"),
    ]
    rows = (await fetch(runtime, t, "now_playing")).data.rows
    assert [(r.title, r.detail) for r in rows] == [
        ("ana: Blue in Green", "Miles Davis · Kind of Blue · Feishin")
    ]
    assert len({p["s"] for p in seen}) == len(seen)  # a fresh salt per call
    assert all(PASSWORD not in json.dumps(p) for p in seen)  # the password never travels
    with pytest.raises(AuthError, match="Wrong username or password"):
        await fetch(
            runtime, target(loopback.url, "navidrome", username="ana", password="x"), "library"
        )


# -- Gitea -----------------------------------------------------------------------------------------


def serve_gitea(loopback: LoopbackServer, new: object = None) -> None:
    def guard(make):  # type: ignore[no-untyped-def]
        return lambda req: (
            make(req)
            if req.header("authorization") == f"token {KEY}"
            else Response(401, {"message": "token is required"})
        )

    def counted(req: Request) -> Response:
        total = {"issues": "7", "pulls": "2", None: "31"}[req.param("type")]
        return Response(200, [{"id": 1}], headers={"X-Total-Count": total})

    loopback.route("GET", "/api/v1/user", guard(lambda r: Response(200, {"id": 1, "login": "ana"})))
    loopback.route("GET", "/api/v1/version", guard(lambda r: Response(200, {"version": "1.22.3"})))
    loopback.route(
        "GET",
        "/api/v1/notifications/new",
        guard(lambda r: Response(200, new if new is not None else {"new": 4})),
    )
    loopback.route("GET", "/api/v1/repos/issues/search", guard(counted))
    loopback.route("GET", "/api/v1/repos/search", guard(counted))


async def test_gitea_counts_from_headers(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_gitea(loopback)
    t = target(loopback.url, "gitea", api_key=KEY)
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "Gitea 1.22.3 (as ana)", outcome.error
    result = await fetch(runtime, t, "summary")
    assert stats(result) == [
        ("Notifications", 4),
        ("Issues", 7),
        ("Pull requests", 2),
        ("Repositories", 31),
    ]
    assert result.data.stats[0].level is Severity.WARNING
    refused = await runtime.test_connection(target(loopback.url, "gitea", api_key="bad"))
    assert isinstance(refused.error, AuthError)


async def test_gitea_wrong_shape(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_gitea(loopback, new=["unexpected"])
    with pytest.raises(BadResponseError, match="no 'new'"):
        await fetch(runtime, target(loopback.url, "gitea", api_key=KEY), "summary")


# -- ntfy ------------------------------------------------------------------------------------------


def serve_ntfy(loopback: LoopbackServer, body: bytes | None = None) -> None:
    lines = [
        {"id": "a1", "time": 1764482400, "event": "open", "topic": "lab"},
        {"id": "b2", "time": 1764482500, "event": "message", "topic": "lab", "title": "Backup done", "message": "ok", "priority": 3},
        {"id": "c3", "time": 1764482600, "event": "message", "topic": "lab", "title": "Disk failing", "message": "sdb SMART", "priority": 5},
        {"id": "d4", "time": 1764482550, "event": "message", "topic": "lab", "message": "UPS on battery", "priority": 4},
    ]  # fmt: skip
    payload = (
        body if body is not None else "\n".join(json.dumps(line) for line in lines).encode() + b"\n"
    )
    loopback.route("GET", "/lab/json", lambda req: Response(200, payload, headers={"Content-Type": "application/x-ndjson"})
                   if req.header("authorization") == "Bearer tk_abc" else Response(401, {"code": 40101, "http": 401, "error": "unauthorized"}))  # fmt: skip


async def test_ntfy_priorities_raise_alerts(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_ntfy(loopback)
    t = target(loopback.url, "ntfy", topic="lab", token="tk_abc")
    result = await fetch(runtime, t, "messages")
    assert [(r.title, r.status, r.level) for r in result.data.rows] == [
        ("Disk failing", "P5", Severity.CRITICAL), ("UPS on battery", "P4", Severity.WARNING), ("Backup done", "", Severity.OK)
    ]  # fmt: skip
    assert [(a.severity, a.message) for a in result.alerts] == [
        (Severity.CRITICAL, "Disk failing: sdb SMART"), (Severity.WARNING, "UPS on battery: UPS on battery")
    ]  # fmt: skip
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, "ntfy", topic="lab", token="tk_bad"), "messages")


async def test_ntfy_not_json_lines(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_ntfy(loopback, body=b"<html>login</html>")
    with pytest.raises(BadResponseError, match="JSON lines"):
        await fetch(runtime, target(loopback.url, "ntfy", topic="lab", token="tk_abc"), "messages")


# -- Beszel ----------------------------------------------------------------------------------------


def serve_beszel(loopback: LoopbackServer) -> list[int]:
    logins = [0]

    def login(req: Request) -> Response:
        logins[0] += 1
        body = req.json()
        if body != {"identity": "me@example.org", "password": PASSWORD}:
            return Response(400, {"code": 400, "message": "Failed to authenticate.", "data": {}})
        return Response(200, {"token": "jwt.token.here", "record": {"id": "u1"}})

    loopback.route("POST", "/api/collections/users/auth-with-password", login)
    loopback.route("GET", "/api/collections/systems/records", lambda req: Response(200, {
        "page": 1, "perPage": 200, "totalItems": 3, "items": [
            {"id": "s1", "name": "nas", "status": "up", "info": {"cpu": 12.5, "mp": 40.2, "dp": 71.0}},
            {"id": "s2", "name": "pi", "status": "down", "info": {}},
            {"id": "s3", "name": "vps", "status": "paused", "info": {"cpu": 1.0}},
        ]}) if req.header("authorization") == "jwt.token.here" else Response(401, {"code": 401, "message": "The request requires valid record authorization token."}))  # fmt: skip
    return logins


async def test_beszel_systems_and_down_alert(loopback: LoopbackServer, runtime: Runtime) -> None:
    logins = serve_beszel(loopback)
    t = target(loopback.url, "beszel", username="me@example.org", password=PASSWORD)
    result = await fetch(runtime, t, "summary")
    assert stats(result) == [("Up", 1), ("Down", 1), ("Paused", 1)]
    assert [a.message for a in result.alerts] == ["system pi is down"]
    rows = (await fetch(runtime, t, "systems")).data.rows
    assert next((r.title, r.status, r.detail) for r in rows) == ("pi", "down", "")
    assert ("nas", "up", "CPU 12% · mem 40% · disk 71%") in [
        (r.title, r.status, r.detail) for r in rows
    ]
    assert logins[0] == 1
    with pytest.raises(AuthError, match="Failed to authenticate"):
        await fetch(
            runtime,
            target(loopback.url, "beszel", username="me@example.org", password="no"),
            "summary",
        )


# -- Synology --------------------------------------------------------------------------------------


def serve_synology(loopback: LoopbackServer) -> dict[str, int]:
    counts = {"login": 0, "logout": 0}

    def entry(req: Request) -> Response:
        api, method = req.param("api"), req.param("method")
        if api == "SYNO.API.Auth":
            counts[method] = counts.get(method, 0) + 1
            if method == "logout":
                return Response(200, {"success": True})
            if req.param("account") == "dash" and req.param("passwd") == PASSWORD:
                return Response(200, {"success": True, "data": {"sid": "SID123", "did": "x"}})
            return Response(200, {"success": False, "error": {"code": 400}})
        if req.param("_sid") != "SID123":
            return Response(200, {"success": False, "error": {"code": 119}})
        data = {
            "SYNO.Core.System": {"model": "DS920+", "firmware_ver": "DSM 7.2.2-72806", "sys_temp": 41},
            "SYNO.Core.System.Utilization": {"cpu": {"user_load": 7, "system_load": 3, "other_load": 1}, "memory": {"real_usage": 38}},
            "SYNO.Storage.CGI.Storage": {"volumes": [
                {"id": "volume_1", "display_name": "Volume 1", "status": "normal", "size": {"total": "8000000000000", "used": "6000000000000"}},
                {"id": "volume_2", "display_name": "Volume 2", "status": "degraded", "size": {"total": "2000000000000", "used": "1000000000000"}},
            ]},
        }[api]  # fmt: skip
        return Response(200, {"success": True, "data": data})

    loopback.route("GET", "/webapi/entry.cgi", entry)
    return counts


async def test_synology_status_alert_and_logout(loopback: LoopbackServer) -> None:
    counts = serve_synology(loopback)
    runtime = Runtime()
    t = target(loopback.url, "diskstation", username="dash", password=PASSWORD)
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary == "Synology DS920+ DSM DSM 7.2.2-72806", outcome.error
    result = await fetch(runtime, t, "status")
    assert stats(result) == [
        ("Volumes used", 70.0),
        ("Volumes in trouble", 1),
        ("CPU", 11),
        ("Memory", 38),
        ("Temperature", 41),
    ]
    assert [a.message for a in result.alerts] == ["volume Volume 2 is degraded"]
    assert counts["login"] == 1
    await runtime.aclose()
    assert counts["logout"] == 1
    refused = Runtime()
    outcome = await refused.test_connection(
        target(loopback.url, "diskstation", username="dash", password="no")
    )
    assert isinstance(outcome.error, AuthError) and "wrong user name or password" in str(
        outcome.error
    )
    await refused.aclose()


# -- UniFi -----------------------------------------------------------------------------------------

HEALTH = {"meta": {"rc": "ok"}, "data": [
    {"subsystem": "wlan", "status": "ok", "num_user": 14, "num_adopted": 3},
    {"subsystem": "wan", "status": "error", "num_adopted": 1},
    {"subsystem": "lan", "status": "ok", "num_user": 9, "num_adopted": 2},
]}  # fmt: skip


@pytest.mark.parametrize("console", ["unifi-os", "legacy"])
async def test_unifi_login_styles_and_wan_alert(
    loopback: LoopbackServer, runtime: Runtime, console: str
) -> None:
    prefix, login = (
        ("/proxy/network", "/api/auth/login") if console == "unifi-os" else ("", "/api/login")
    )

    def do_login(req: Request) -> Response:
        if req.json().get("password") != PASSWORD:
            return Response(401, {"meta": {"rc": "error", "msg": "api.err.Invalid"}, "data": []})
        return Response(200, {"meta": {"rc": "ok"}, "data": []},
                        headers={"Set-Cookie": "TOKEN=abc; Path=/", "X-CSRF-Token": "csrf1"})  # fmt: skip

    loopback.route("POST", login, do_login)
    loopback.route("GET", f"{prefix}/api/s/default/stat/health",
                   lambda req: Response(200, HEALTH) if "TOKEN=abc" in (req.header("cookie") or "")
                   else Response(401, {"meta": {"rc": "error", "msg": "api.err.LoginRequired"}, "data": []}))  # fmt: skip
    t = target(loopback.url, "unifi", username="ro", password=PASSWORD)
    result = await fetch(runtime, t, "health")
    assert stats(result) == [
        ("WAN", "error"),
        ("LAN clients", 9),
        ("Wi-Fi clients", 14),
        ("Devices", 6),
    ]
    assert [a.message for a in result.alerts] == ["WAN is error"]
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, "unifi", username="ro", password="bad"), "health")


async def test_unifi_api_key(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/proxy/network/api/s/default/stat/health",
                   lambda req: Response(200, HEALTH) if req.header("x-api-key") == KEY else Response(401, {"error": "unauthorized"}))  # fmt: skip
    assert stats(await fetch(runtime, target(loopback.url, "unifi", api_key=KEY), "health"))[0] == (
        "WAN",
        "error",
    )
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, "unifi", api_key="bad"), "health")
