"""Unmanic offline: bodies in the shape Unmanic 0.4.1's API v2 answers (seen from the real server,
which the live test runs), a failed task, a busy and a paused worker, Basic auth in front, and
wrong shapes."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

API = "/unmanic/api/v2"
WORKERS = {"workers_status": [
    {"id": "W0", "name": "Worker-W0", "idle": False, "paused": False, "current_file": "a.mkv"},
    {"id": "W1", "name": "Worker-W1", "idle": True, "paused": True, "current_file": ""},
    {"id": "W2", "name": "Worker-W2", "idle": True, "paused": False, "current_file": ""},
]}  # fmt: skip
PENDING = {"recordsTotal": 31, "recordsFiltered": 31, "results": [
    {"id": 7, "abspath": "/library/films/Sintel.mkv", "priority": 2, "type": "local", "status": "pending"},
    {"id": 6, "abspath": "/library/films/Big.Buck.Bunny.mkv", "priority": 1, "type": "local", "status": "in_progress"},
]}  # fmt: skip
HISTORY = {
    "recordsTotal": 12,
    "recordsFiltered": 12,
    "results": [],
    "successCount": 10,
    "failedCount": 2,
}


def serve(loopback: LoopbackServer, **bodies: Any) -> None:
    loopback.json("GET", f"{API}/version/read", {"version": "0.4.1~1c324b8"})
    loopback.json("GET", f"{API}/workers/status", bodies.get("workers", WORKERS))
    loopback.json("POST", f"{API}/pending/tasks", bodies.get("pending", PENDING))
    loopback.json("POST", f"{API}/history/tasks", bodies.get("history", HISTORY))
    for verb in ("pause", "resume"):
        loopback.json("POST", f"{API}/workers/worker/{verb}/all", {"success": True})


def target(url: str, **config: Any) -> Target:
    return Target("u", "Unmanic", url, "unmanic", config=config, timeout=REQUEST_TIMEOUT)


async def test_good_answers(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok and outcome.summary == "Unmanic 0.4.1~1c324b8", outcome.error
    result = await fetch(runtime, target(loopback.url), "summary")
    assert {s.label: (s.value, s.level) for s in result.data.stats} == {
        "Workers": ("1/3", Severity.OK), "Paused": (1, Severity.WARNING), "Pending": (31, Severity.OK),
        "Completed": (10, Severity.OK), "Failed": (2, Severity.WARNING),
    }  # fmt: skip
    assert [(a.severity, a.message) for a in result.alerts] == [
        (Severity.WARNING, "2 Unmanic tasks failed")
    ]
    listed = (await fetch(runtime, target(loopback.url), "pending")).data
    assert [(r.title, r.status) for r in listed.rows] == [
        ("Sintel.mkv", "pending"), ("Big.Buck.Bunny.mkv", "in_progress")
    ]  # fmt: skip
    assert listed.total == 31
    sent = [r.json() for r in loopback.requests if r.path == f"{API}/pending/tasks"]
    assert {"start": 0, "length": 20} in sent


async def test_actions(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    assert (
        await runtime.run_action(target(loopback.url), "pause_all") == "Unmanic: all workers paused"
    )
    assert (
        await runtime.run_action(target(loopback.url), "resume_all")
        == "Unmanic: all workers resumed"
    )
    assert [r.path for r in loopback.requests if r.method == "POST"] == [
        f"{API}/workers/worker/pause/all", f"{API}/workers/worker/resume/all"
    ]  # fmt: skip


async def test_basic_auth_in_front(loopback: LoopbackServer, runtime: Runtime) -> None:
    good = "Basic " + base64.b64encode(b"me:pw").decode()

    def guarded(req: Request) -> Response:
        ok = req.header("authorization") == good
        return Response(200, WORKERS) if ok else Response(401, b"Unauthorized")

    serve(loopback)
    loopback.route("GET", f"{API}/workers/status", guarded)
    await fetch(runtime, target(loopback.url, username="me", password="pw"), "summary")
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url, username="me", password="nope"), "summary")


@pytest.mark.parametrize(
    ("bodies", "match"),
    [
        ({"workers": {"workers": []}}, "workers_status"),
        ({"pending": {"results": []}}, "recordsTotal"),
        ({"history": ["not", "an", "object"]}, "unexpected answer"),
    ],
)
async def test_wrong_shapes(
    loopback: LoopbackServer, runtime: Runtime, bodies: dict[str, Any], match: str
) -> None:
    serve(loopback, **bodies)
    with pytest.raises(BadResponseError, match=match):
        await fetch(runtime, target(loopback.url), "summary")
