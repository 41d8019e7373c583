"""Syncthing against a loopback server answering with responses recorded from Syncthing 1.19.

The recording has one folder ``docs`` ("Documents", 3 files, idle) shared with no other device;
the connections list holds only our own device. Error shapes: 401 ``Not Authorized`` for a
missing or wrong key, 403 ``CSRF Error`` for Basic auth without the CSRF token.
"""

from __future__ import annotations

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
KEY = "rs-syncthing-apikey-0123456789"
ROUTES = {
    "/rest/system/version": "system-version",
    "/rest/system/status": "system-status",
    "/rest/system/connections": "system-connections",
    "/rest/config/folders": "config-folders",
    "/rest/db/status": "db-status",
}


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def serve(loopback: LoopbackServer, **bodies: Any) -> None:
    """Recorded answers behind the API key check (wrong key: the recorded 401)."""
    denied = json.loads((FIXTURES / "wrong-key.json").read_text())

    for path, name in {**ROUTES, "/rest/system/error": ""}.items():
        answer = bodies.get(name.replace("-", "_") or "errors")
        if answer is None:
            answer = body(name) if name else {"errors": None}

        def handler(request: Request, answer: Any = answer) -> Response:
            if request.header("X-API-Key") != KEY:
                return Response(denied["status"], denied["body"])
            if callable(answer):
                return Response(200, answer(request))
            return Response(200, answer)

        loopback.route("GET", path, handler)


def target(url: str, key: str = KEY) -> Target:
    return Target(
        "st", "Syncthing", url, "syncthing", config={"api_key": key}, timeout=REQUEST_TIMEOUT
    )


async def test_connection_reports_version(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Syncthing v1.19.2-ds1"
    assert loopback.requests_to("/rest/system/version")[-1].header("X-API-Key") == KEY


async def test_wrong_key_is_an_auth_error(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, key="wrong"))
    assert isinstance(outcome.error, AuthError)


async def test_csrf_refusal_is_an_auth_error(loopback: LoopbackServer, runtime: Runtime) -> None:
    recorded = json.loads((FIXTURES / "basic-auth-status.json").read_text())
    loopback.route("GET", "/rest/system/version", Response(recorded["status"], recorded["body"]))
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, AuthError) and "403" in outcome.error.message


def test_api_key_is_required_and_secret() -> None:
    from integrations.errors import ConfigError
    from integrations.syncthing import INTEGRATION

    assert INTEGRATION.secret_fields() == ["api_key"]
    with pytest.raises(ConfigError, match="api_key"):
        INTEGRATION.validate_config({})


async def test_folders_list(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    rows = (await fetch(runtime, target(loopback.url), "folders")).data.rows
    assert [(r.title, r.status, r.level) for r in rows] == [("Documents", "idle", Severity.OK)]
    assert rows[0].detail == "docs · 3 files, 2.3 KiB"
    assert loopback.requests_to("/rest/db/status")[-1].param("folder") == "docs"


def _status(**changes: Any) -> dict[str, Any]:
    return {**body("db-status"), **changes}


def _two_folders() -> list[dict[str, Any]]:
    docs = body("config-folders")[0]
    return [
        docs,
        {**docs, "id": "photos", "label": "Photos"},
        {**docs, "id": "old", "label": "", "paused": True},
    ]


async def test_folder_states_and_completion(loopback: LoopbackServer, runtime: Runtime) -> None:
    statuses = {
        "docs": _status(),
        "photos": _status(
            state="syncing", globalBytes=4096, inSyncBytes=1024, needBytes=3072, needTotalItems=2
        ),
    }
    serve(
        loopback,
        config_folders=_two_folders(),
        db_status=lambda request: statuses[request.param("folder")],
    )
    rows = (await fetch(runtime, target(loopback.url), "folders")).data.rows
    assert [(r.title, r.status, r.level) for r in rows] == [
        ("Documents", "idle", Severity.OK),
        ("old", "paused", Severity.INFO),
        ("Photos", "syncing", Severity.INFO),
    ]
    assert "needs 2 items (3.0 KiB)" in rows[2].detail
    # a paused folder is not asked for its status
    assert {r.param("folder") for r in loopback.requests_to("/rest/db/status")} == {
        "docs",
        "photos",
    }

    items = (await fetch(runtime, target(loopback.url), "completion")).data.items
    assert [(i.label, i.percent) for i in items] == [("Documents", 100.0), ("Photos", 25.0)]
    assert items[1].detail == "1.0 KiB of 4.0 KiB · needs 2 items (3.0 KiB)"


async def test_errors_from_log_and_folders(loopback: LoopbackServer, runtime: Runtime) -> None:
    statuses = {
        "docs": _status(
            state="error", error="folder marker missing (this indicates potential data loss)"
        ),
        "photos": _status(pullErrors=2),
    }
    logged = {
        "errors": [
            {"when": "2026-11-25T08:40:00Z", "message": "Listen (BEP/tcp): address in use"},
            {"when": "2026-11-25T08:41:00Z", "message": "Listen (BEP/tcp): address in use"},
        ]
    }
    serve(
        loopback,
        config_folders=_two_folders(),
        db_status=lambda request: statuses[request.param("folder")],
        errors=logged,
    )
    result = await fetch(runtime, target(loopback.url), "errors")
    assert [(a.key, a.severity) for a in result.alerts] == [
        ("folder:docs", Severity.CRITICAL),
        ("folder:photos", Severity.WARNING),
        ("error:Listen (BEP/tcp): address in use", Severity.WARNING),
    ]
    assert "folder marker missing" in result.alerts[0].message
    assert "2 items failed" in result.alerts[1].message
    assert result.data.severity is Severity.CRITICAL
    rows = (await fetch(runtime, target(loopback.url), "folders")).data.rows
    assert rows[0].level is Severity.CRITICAL and "folder marker missing" in rows[0].detail


async def test_no_errors(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    result = await fetch(runtime, target(loopback.url), "errors")
    assert result.alerts == [] and result.data.ok_text == "No errors"


async def test_status_stats(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    stats = {s.label: s for s in (await fetch(runtime, target(loopback.url), "status")).data.stats}
    assert stats["Version"].value == "v1.19.2-ds1"
    assert stats["Uptime"].value == "2s"
    # the only entry in connections is our own device: no other devices
    assert stats["Devices"].value == "0/0" and stats["Devices"].level is Severity.OK


async def test_status_counts_other_devices(loopback: LoopbackServer, runtime: Runtime) -> None:
    connections = body("system-connections")
    connections["connections"]["PEER"] = {"connected": False, "paused": False}
    serve(loopback, system_connections=connections)
    stats = {s.label: s for s in (await fetch(runtime, target(loopback.url), "status")).data.stats}
    assert stats["Devices"].value == "0/1" and stats["Devices"].level is Severity.WARNING


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>Syncthing GUI</html>", {"Content-Type": "text/html"}),
        Response(200, {"folders": []}),
    ],
    ids=["html", "other-json"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    loopback.route("GET", "/rest/config/folders", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "folders")
    assert "syncthing" in str(err.value).lower()


async def test_unreachable(runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target(dead_url))
    assert isinstance(outcome.error, UnreachableError)
