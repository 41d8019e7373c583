"""Integrations II, offline: every service answers as its API documentation says, from a loopback
server. For each: a good answer (what the widgets show), a refused credential (a typed
:class:`AuthError`), and a wrong shape (a typed :class:`BadResponseError`, never a traceback).

A case is a table row: the routes the service answers (path → documented body), how it checks
the credential, the settings, and what one endpoint must show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError
from integrations.models import FetchResult, Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

KEY = "0123456789abcdef0123456789abcdef"
Check = Callable[[Request], bool]


def header(name: str, template: str = "{}") -> Check:
    return lambda req: req.header(name) == template.format(KEY)


def query(name: str) -> Check:
    return lambda req: req.param(name) == KEY


def basic(user: str) -> Check:
    import base64

    token = base64.b64encode(f"{user}:{KEY}".encode()).decode()
    return lambda req: req.header("authorization") == f"Basic {token}"


def anyone(req: Request) -> bool:
    return True


@dataclass
class Case:
    integration: str
    routes: dict[str, Any]
    endpoint: str
    expect: Callable[[FetchResult], None]
    check: Check = anyone
    config: dict[str, Any] = field(default_factory=lambda: {"api_key": KEY})
    refused: Response = field(default_factory=lambda: Response(401, {"error": "Unauthorized"}))
    summary: str = ""
    wrong_shape_path: str = ""  # the route whose body is replaced by an unrelated JSON object

    def __str__(self) -> str:
        return self.integration + (
            f"-{self.summary.split()[-1]}" if self.integration == "immich" else ""
        )


def stats(result: FetchResult) -> list[tuple[str, Any]]:
    return [(s.label, s.value) for s in result.data.stats]


def _expect_healthchecks(r: FetchResult) -> None:
    assert stats(r) == [("Up", 1), ("Late", 1), ("Down", 1), ("Paused", 0)]
    assert [a.message for a in r.alerts] == ["Down: 1"]


def _expect_traefik(r: FetchResult) -> None:
    assert stats(r) == [("Routers", 12), ("Services", 9), ("Middlewares", 4), ("Errors", 2)]
    assert r.data.stats[3].level is Severity.WARNING


def _expect_scrutiny(r: FetchResult) -> None:
    assert stats(r) == [("Failing", 1), ("Passed", 1), ("Hottest", 41)]
    assert [a.message for a in r.alerts] == ["disk sdb failed S.M.A.R.T."]


def _expect_tautulli(r: FetchResult) -> None:
    assert stats(r) == [("Streams", 2), ("Transcoding", 1), ("Bandwidth", 2_500_000.0)]


def _expect_gotify(r: FetchResult) -> None:
    rows = r.data.rows
    assert [(row.title, row.status, row.level) for row in rows] == [
        ("Backup failed", "P8", Severity.WARNING),
        ("Watchtower", "P2", Severity.OK),
    ]
    assert [a.message for a in r.alerts] == ["Backup failed: borg exited 2"]


def _expect_gluetun(r: FetchResult) -> None:
    assert stats(r) == [
        ("VPN", "running"),
        ("Public IP", "203.0.113.7"),
        ("Exit", "Amsterdam, Netherlands"),
        ("Forwarded port", 51413),
    ]
    assert r.alerts == []


HEALTHCHECKS_CHECKS = {
    "checks": [
        {"name": "backup", "slug": "backup", "status": "down", "last_ping": "2026-11-29T02:00:03+00:00", "n_pings": 40, "grace": 3600},
        {"name": "certbot", "slug": "certbot", "status": "up", "last_ping": "2026-11-30T06:00:01+00:00", "n_pings": 12, "grace": 3600},
        {"name": "scrub", "slug": "scrub", "status": "grace", "last_ping": "2026-11-23T03:00:00+00:00", "n_pings": 4, "grace": 86400},
    ]
}  # fmt: skip

CASES = [
    Case(
        "healthchecks",
        {"/api/v3/checks/": HEALTHCHECKS_CHECKS},
        "status",
        _expect_healthchecks,
        check=header("X-Api-Key"),
        refused=Response(401, {"error": "wrong api key"}),
        summary="Healthchecks: 3 checks",
        wrong_shape_path="/api/v3/checks/",
    ),
    Case(
        "traefik",
        {
            "/api/version": {"Version": "3.2.1", "Codename": "munster"},
            "/api/overview": {
                "http": {
                    "routers": {"total": 12, "warnings": 0, "errors": 1},
                    "services": {"total": 9, "warnings": 1, "errors": 1},
                    "middlewares": {"total": 4, "warnings": 0, "errors": 0},
                },
                "tcp": {"routers": {"total": 0, "warnings": 0, "errors": 0}},
                "features": {"tracing": "", "metrics": "", "accessLog": False},
            },
        },
        "overview",
        _expect_traefik,
        check=basic("admin"),
        config={"username": "admin", "password": KEY},
        summary="Traefik 3.2.1",
        wrong_shape_path="/api/overview",
    ),
    Case(
        "paperlessngx",
        {
            "/api/statistics/": {
                "documents_total": 1234,
                "documents_inbox": 5,
                "inbox_tag": 1,
                "document_file_type_counts": [
                    {"mime_type": "application/pdf", "mime_type_count": 1200}
                ],
                "character_count": 987654,
            }
        },
        "documents",
        lambda r: stats(r) == [("Documents", 1234), ("Inbox", 5)] or pytest.fail(str(stats(r))),
        check=header("Authorization", "Token {}"),
        refused=Response(401, {"detail": "Invalid token."}),
        summary="Paperless-ngx: connected",
        wrong_shape_path="/api/statistics/",
    ),
    Case(
        "scrutiny",
        {
            "/api/summary": {
                "success": True,
                "data": {
                    "summary": {
                        "0x5000c500a1b2c3d4": {
                            "device": {
                                "wwn": "0x5000c500a1b2c3d4",
                                "device_name": "sda",
                                "model_name": "ST4000VN008",
                                "device_status": 0,
                            },
                            "smart": {"temp": 34},
                        },
                        "0x5000cca2b3c4d5e6": {
                            "device": {
                                "wwn": "0x5000cca2b3c4d5e6",
                                "device_name": "sdb",
                                "model_name": "WDC WD40EFRX",
                                "device_status": 1,
                            },
                            "smart": {"temp": 41},
                        },
                    }
                },
            }
        },
        "summary",
        _expect_scrutiny,
        config={},
        summary="Scrutiny: 2 disks",
        wrong_shape_path="/api/summary",
    ),
    Case(
        "tautulli",
        {
            "/api/v2": lambda req: {
                "get_tautulli_info": {
                    "response": {
                        "result": "success",
                        "message": None,
                        "data": {"tautulli_version": "v2.14.6"},
                    }
                },
                "get_activity": {
                    "response": {
                        "result": "success",
                        "message": None,
                        "data": {
                            "stream_count": "2",
                            "stream_count_transcode": 1,
                            "total_bandwidth": 20000,
                            "sessions": [
                                {
                                    "friendly_name": "ana",
                                    "full_title": "Severance - Hello, Ms. Cobel",
                                    "progress_percent": "45",
                                    "transcode_decision": "transcode",
                                    "state": "playing",
                                },
                                {
                                    "friendly_name": "bo",
                                    "full_title": "Dune",
                                    "progress_percent": "80",
                                    "transcode_decision": "direct play",
                                    "state": "paused",
                                },
                            ],
                        },
                    }
                },
            }[req.param("cmd")]
        },
        "activity",
        _expect_tautulli,
        check=query("apikey"),
        refused=Response(
            401, {"response": {"result": "error", "message": "Invalid apikey", "data": {}}}
        ),
        summary="Tautulli v2.14.6",
        wrong_shape_path="/api/v2",
    ),
    Case(
        "bazarr",
        {
            "/api/system/status": {"data": {"bazarr_version": "1.4.3", "python_version": "3.11.2"}},
            "/api/episodes/wanted": {
                "data": [{"seriesTitle": "Andor", "episode_number": "1x01"}],
                "total": 17,
            },
            "/api/movies/wanted": {"data": [{"title": "Dune"}], "total": 3},
        },
        "wanted",
        lambda r: (
            stats(r) == [("Missing episodes", 17), ("Missing movies", 3)]
            or pytest.fail(str(stats(r)))
        ),
        check=header("X-API-KEY"),
        summary="Bazarr 1.4.3",
        wrong_shape_path="/api/movies/wanted",
    ),
    Case(
        "gluetun",
        {
            "/v1/vpn/status": {"status": "running"},
            "/v1/publicip/ip": {
                "public_ip": "203.0.113.7",
                "region": "North Holland",
                "country": "Netherlands",
                "city": "Amsterdam",
            },
            "/v1/openvpn/portforwarded": {"port": 51413},
        },
        "vpn",
        _expect_gluetun,
        check=header("X-API-Key"),
        summary="Gluetun: VPN running",
        wrong_shape_path="",
    ),
    Case(
        "gotify",
        {
            "/current/user": {"id": 1, "name": "admin", "admin": True},
            "/version": {"version": "2.5.0", "commit": "abc", "buildDate": "2024-06-23"},
            "/message": {
                "messages": [
                    {
                        "id": 9,
                        "appid": 1,
                        "title": "Backup failed",
                        "message": "borg exited 2",
                        "priority": 8,
                        "date": "2026-11-30T02:00:00Z",
                    },
                    {
                        "id": 8,
                        "appid": 2,
                        "title": "Watchtower",
                        "message": "updated 2 containers",
                        "priority": 2,
                        "date": "2026-11-30T01:00:00Z",
                    },
                ],
                "paging": {"size": 2, "since": 0, "limit": 20},
            },
        },
        "messages",
        _expect_gotify,
        check=header("X-Gotify-Key"),
        summary="Gotify 2.5.0 (as admin)",
        wrong_shape_path="/message",
    ),
    Case(
        "portainer",
        {
            "/api/endpoints": [
                {"Id": 1, "Name": "local", "Type": 1},
                {"Id": 3, "Name": "nas", "Type": 2},
            ],
            "/api/endpoints/3/docker/containers/json": [
                {"Id": "a1", "Names": ["/jellyfin"], "State": "running"},
                {"Id": "b2", "Names": ["/sonarr"], "State": "running"},
                {"Id": "c3", "Names": ["/old"], "State": "exited"},
            ],
        },
        "containers",
        lambda r: (
            stats(r) == [("Running", 2), ("Stopped", 1), ("Total", 3)] or pytest.fail(str(stats(r)))
        ),
        check=header("X-API-Key"),
        config={"api_key": KEY, "environment": 3},
        summary="Portainer: environment 3 (nas)",
        wrong_shape_path="/api/endpoints/3/docker/containers/json",
    ),
    Case(
        "immich",
        {
            "/api/server/version": {"major": 1, "minor": 132, "patch": 3},
            "/api/server/statistics": {
                "photos": 20544,
                "videos": 812,
                "usage": 123456789012,
                "usageByUser": [
                    {"userName": "ana", "photos": 20000},
                    {"userName": "bo", "photos": 544},
                ],
            },
        },
        "stats",
        lambda r: (
            stats(r)
            == [("Users", 2), ("Photos", 20544), ("Videos", 812), ("Storage", 123456789012)]
            or pytest.fail(str(stats(r)))
        ),
        check=header("x-api-key"),
        summary="Immich 1.132.3",
        wrong_shape_path="/api/server/statistics",
    ),
    Case(
        "immich",
        {  # a server from before v1.106: the new paths answer 404
            "/api/server-info/version": {"major": 1, "minor": 98, "patch": 2},
            "/api/server-info/statistics": {
                "photos": 10,
                "videos": 1,
                "usage": 2048,
                "usageByUser": [],
            },
        },
        "stats",
        lambda r: (
            stats(r) == [("Users", 0), ("Photos", 10), ("Videos", 1), ("Storage", 2048)]
            or pytest.fail(str(stats(r)))
        ),
        check=header("x-api-key"),
        summary="Immich 1.98.2",
        wrong_shape_path="/api/server-info/statistics",
    ),
    Case(
        "nextcloud",
        {
            "/ocs/v2.php/apps/serverinfo/api/v1/info": {
                "ocs": {
                    "meta": {"status": "ok", "statuscode": 200, "message": "OK"},
                    "data": {
                        "nextcloud": {
                            "system": {
                                "version": "30.0.2.2",
                                "freespace": 512000000000,
                                "cpuload": [0.4, 0.3, 0.2],
                            },
                            "storage": {"num_users": 4, "num_files": 182734, "num_storages": 9},
                            "shares": {"num_shares": 37},
                        },
                        "activeUsers": {"last5minutes": 1, "last1hour": 2, "last24hours": 3},
                    },
                }
            }
        },
        "info",
        lambda r: (
            stats(r)
            == [
                ("Active users", 3),
                ("Files", 182734),
                ("Shares", 37),
                ("Free space", 512000000000),
            ]
            or pytest.fail(str(stats(r)))
        ),
        check=header("NC-Token"),
        config={"token": KEY},
        refused=Response(401, {"message": "Unauthorized"}),
        summary="Nextcloud 30.0.2.2",
        wrong_shape_path="/ocs/v2.php/apps/serverinfo/api/v1/info",
    ),
    Case(
        "komga",
        {
            "/api/v1/libraries": [{"id": "0A1", "name": "Comics"}, {"id": "0B2", "name": "Manga"}],
            "/api/v1/series": {
                "content": [{"id": "s"}],
                "totalElements": 311,
                "totalPages": 311,
                "size": 1,
            },
            "/api/v1/books": {
                "content": [{"id": "b"}],
                "totalElements": 4096,
                "totalPages": 4096,
                "size": 1,
            },
        },
        "library",
        lambda r: (
            stats(r) == [("Libraries", 2), ("Series", 311), ("Books", 4096)]
            or pytest.fail(str(stats(r)))
        ),
        check=basic("reader@example.org"),
        config={"username": "reader@example.org", "password": KEY},
        summary="Komga: 2 libraries",
        wrong_shape_path="/api/v1/books",
    ),
    Case(
        "audiobookshelf",
        {
            "/api/libraries": {
                "libraries": [
                    {"id": "lib_a", "name": "Books", "mediaType": "book"},
                    {"id": "lib_p", "name": "Podcasts", "mediaType": "podcast"},
                ]
            },
            "/api/libraries/lib_a/stats": {
                "totalItems": 120,
                "totalAuthors": 80,
                "totalDuration": 3600000,
                "totalSize": 50000000000,
            },
            "/api/libraries/lib_p/stats": {
                "totalItems": 12,
                "totalDuration": 360000,
                "totalSize": 5000000000,
            },
        },
        "library",
        lambda r: (
            stats(r)
            == [("Books", 120), ("Podcasts", 12), ("Duration", 3960000.0), ("Size", 55000000000.0)]
            or pytest.fail(str(stats(r)))
        ),
        check=header("Authorization", "Bearer {}"),
        summary="Audiobookshelf: 2 libraries",
        wrong_shape_path="/api/libraries",
    ),
    Case(
        "whatsupdocker",
        {
            "/api/containers": [
                {
                    "id": "1",
                    "name": "jellyfin",
                    "image": {"tag": {"value": "10.9.10"}},
                    "updateAvailable": True,
                    "result": {"tag": "10.10.3"},
                },
                {
                    "id": "2",
                    "name": "caddy",
                    "image": {"tag": {"value": "2.8.4"}},
                    "updateAvailable": False,
                    "result": {"tag": "2.8.4"},
                },
            ]
        },
        "updates",
        lambda r: stats(r) == [("Monitoring", 2), ("Updates", 1)] or pytest.fail(str(stats(r))),
        check=basic("wud"),
        config={"username": "wud", "password": KEY},
        summary="What's up Docker: 2 containers",
        wrong_shape_path="/api/containers",
    ),
    Case(
        "proxmox",
        {
            "/api2/json/version": {
                "data": {"version": "8.3.0", "release": "8.3", "repoid": "c1689ccb"}
            },
            "/api2/json/cluster/resources": {
                "data": [
                    {
                        "type": "node",
                        "node": "pve1",
                        "status": "online",
                        "cpu": 0.25,
                        "maxcpu": 8,
                        "mem": 8e9,
                        "maxmem": 32e9,
                    },
                    {
                        "type": "node",
                        "node": "pve2",
                        "status": "offline",
                        "maxcpu": 4,
                        "maxmem": 16e9,
                    },
                    {
                        "type": "qemu",
                        "node": "pve1",
                        "name": "ha",
                        "status": "running",
                        "template": 0,
                    },
                    {
                        "type": "qemu",
                        "node": "pve1",
                        "name": "win",
                        "status": "stopped",
                        "template": 0,
                    },
                    {
                        "type": "qemu",
                        "node": "pve1",
                        "name": "tmpl",
                        "status": "stopped",
                        "template": 1,
                    },
                    {"type": "lxc", "node": "pve1", "name": "pihole", "status": "running"},
                    {"type": "storage", "node": "pve1", "storage": "local", "status": "available"},
                ]
            },
        },
        "resources",
        lambda r: (
            (
                stats(r) == [("VMs", "1 / 2"), ("LXC", "1 / 1"), ("CPU", 25.0), ("Memory", 25.0)]
                and [a.message for a in r.alerts] == ["node pve2 is offline"]
            )
            or pytest.fail(f"{stats(r)} {r.alerts}")
        ),
        check=header("Authorization", "PVEAPIToken=root@pam!dash={}"),
        config={"token_id": "root@pam!dash", "token_secret": KEY},
        summary="Proxmox VE 8.3.0",
        wrong_shape_path="/api2/json/cluster/resources",
    ),
    Case(
        "truenas",
        {
            "/api/v2.0/system/info": {
                "version": "TrueNAS-SCALE-24.10.0",
                "hostname": "nas",
                "uptime_seconds": 86400,
            },
            "/api/v2.0/pool": [
                {"name": "tank", "status": "ONLINE", "healthy": True},
                {"name": "backup", "status": "DEGRADED", "healthy": False},
            ],
            "/api/v2.0/alert/list": [
                {
                    "level": "WARNING",
                    "formatted": "Pool backup state is DEGRADED.",
                    "dismissed": False,
                },
                {"level": "INFO", "formatted": "Update available.", "dismissed": True},
            ],
        },
        "status",
        lambda r: (
            (
                stats(r) == [("Pools healthy", 1), ("Degraded", 1), ("Alerts", 1)]
                and [a.message for a in r.alerts] == ["pool backup is DEGRADED"]
            )
            or pytest.fail(f"{stats(r)} {r.alerts}")
        ),
        check=header("Authorization", "Bearer {}"),
        summary="TrueNAS TrueNAS-SCALE-24.10.0",
        wrong_shape_path="/api/v2.0/pool",
    ),
]


def serve(loopback: LoopbackServer, case: Case, replace: dict[str, Any] | None = None) -> None:
    routes = {**case.routes, **(replace or {})}
    for path, body in routes.items():

        def handler(req: Request, body: Any = body) -> Response:
            if not case.check(req):
                return case.refused
            return Response(200, body(req) if callable(body) else body)

        loopback.route("GET", path, handler)


def target(url: str, case: Case, config: dict[str, Any] | None = None) -> Target:
    return Target(
        "c", "Svc", url, case.integration, config=config or case.config, timeout=REQUEST_TIMEOUT
    )


def wrong_credentials(case: Case) -> dict[str, Any]:
    return {k: ("wrong" if isinstance(v, str) and v == KEY else v) for k, v in case.config.items()}


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_good_answer(loopback: LoopbackServer, runtime: Runtime, case: Case) -> None:
    serve(loopback, case)
    outcome = await runtime.test_connection(target(loopback.url, case))
    assert outcome.ok, outcome.error
    assert outcome.summary == case.summary
    case.expect(await fetch(runtime, target(loopback.url, case), case.endpoint))


@pytest.mark.parametrize("case", [c for c in CASES if c.check is not anyone], ids=str)
async def test_refused_credentials(loopback: LoopbackServer, runtime: Runtime, case: Case) -> None:
    serve(loopback, case)
    bad = target(loopback.url, case, wrong_credentials(case))
    outcome = await runtime.test_connection(bad)
    assert isinstance(outcome.error, AuthError), outcome.error
    with pytest.raises(AuthError):
        await fetch(runtime, bad, case.endpoint)


@pytest.mark.parametrize("case", [c for c in CASES if c.wrong_shape_path], ids=str)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, case: Case) -> None:
    unrelated = {"html": "<title>Login</title>", "items": "none"}
    replaced = {
        case.wrong_shape_path: (lambda req: unrelated)
        if callable(case.routes[case.wrong_shape_path])
        else unrelated
    }
    serve(loopback, case, replace=replaced)
    with pytest.raises(BadResponseError):
        await fetch(runtime, target(loopback.url, case), case.endpoint)
