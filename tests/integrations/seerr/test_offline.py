"""Seerr against a loopback server answering as API v1 documents (api-docs.overseerr.dev)."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError, BadResponseError
from integrations.models import Severity
from integrations.registry import registry
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

KEY = "MTY5OTk5NjQ0OTk5OWJlNjYyZTQtZjBmYS00"
DENIED = Response(403, {"message": "You do not have permission to access this endpoint"})
COUNTS = {"total": 14, "movie": 9, "tv": 5, "pending": 2, "approved": 3, "declined": 1,
          "processing": 1, "available": 7}  # fmt: skip
ISSUES = {"total": 4, "video": 1, "audio": 1, "subtitles": 2, "others": 0, "open": 1, "closed": 3}


def serve(loopback: LoopbackServer, counts: object = COUNTS) -> None:
    for path, body in (
        ("/api/v1/status", {"version": "2.7.3", "commitTag": "v2.7.3", "updateAvailable": False}),
        ("/api/v1/request/count", counts),
        ("/api/v1/issue/count", ISSUES),
    ):
        good = Response(200, body)
        loopback.route(
            "GET", path, lambda req, good=good: good if req.header("x-api-key") == KEY else DENIED
        )


def target(url: str, key: str = KEY) -> Target:
    return Target("s", "Requests", url, "seerr", config={"api_key": key}, timeout=REQUEST_TIMEOUT)


async def test_connection_names_the_version(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Seerr 2.7.3"


async def test_refused_key(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, key="nope"))
    assert isinstance(outcome.error, AuthError)


async def test_request_counts_and_pending_warning(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    stats = (await fetch(runtime, target(loopback.url), "requests")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Pending", 2), ("Approved", 3), ("Processing", 1), ("Available", 7)
    ]  # fmt: skip
    assert stats[0].level is Severity.WARNING and stats[1].level is Severity.OK
    issues = (await fetch(runtime, target(loopback.url), "issues")).data.stats
    assert [(s.label, s.value) for s in issues] == [("Open issues", 1), ("Total issues", 4)]


async def test_wrong_shape_names_the_missing_field(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback, counts={"results": []})  # e.g. another service at that URL
    with pytest.raises(BadResponseError, match=r"no 'pending'.*found results"):
        await fetch(runtime, target(loopback.url), "requests")


def test_aliases_are_homepage_names() -> None:
    integration = registry.get("seerr")
    assert set(integration.aliases) == {"overseerr", "jellyseerr"}
