"""changedetection.io against a loopback server answering with responses recorded from 0.60.10:
"Price page" changed (not viewed), "Static notes" never changed."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
KEY = "ca9d0cb6c7cec1c7bf0ae18f2bd767d1"
PRICE, STATIC = "52e1079f-d889-47dd-907a-25965d260cdb", "dc323c47-31f9-461c-9898-11066e504695"


def recorded(name: str) -> Response:
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    return Response(data["status"], data["body"])


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def serve(loopback: LoopbackServer, watches: Any = None) -> None:
    denied = recorded("wrong-key")
    answer = Response(200, watches) if watches is not None else recorded("watches")
    for path, good in (("/api/v1/watch", answer), ("/api/v1/systeminfo", recorded("systeminfo"))):
        loopback.route(
            "GET", path, lambda req, good=good: good if req.header("x-api-key") == KEY else denied
        )


def target(url: str, key: str = KEY) -> Target:
    return Target(
        "c", "Changes", url, "changedetectionio", config={"api_key": key}, timeout=REQUEST_TIMEOUT
    )


async def test_connection(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "changedetection.io 0.60.10 (2 watches)"


async def test_wrong_key(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, key="wrong"))
    assert isinstance(outcome.error, AuthError)


async def test_counts(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    stats = (await fetch(runtime, target(loopback.url), "watches")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Changes detected", 1),
        ("Errors", 0),
        ("Watches", 2),
    ]
    assert stats[0].level is Severity.INFO


async def test_viewed_and_old_style_last_viewed(loopback: LoopbackServer, runtime: Runtime) -> None:
    watches = copy.deepcopy(body("watches"))
    watches[PRICE]["viewed"] = True
    watches[STATIC].update(last_changed=2000, last_viewed=1000)  # older releases' fields
    watches[STATIC].pop("viewed")
    serve(loopback, watches)
    rows = (await fetch(runtime, target(loopback.url), "watch_list")).data.rows
    assert [(r.title, r.status) for r in rows] == [("Static notes", "changed"), ("Price page", "")]


async def test_watch_list(loopback: LoopbackServer, runtime: Runtime) -> None:
    watches = copy.deepcopy(body("watches"))
    now = int(time.time())
    watches[PRICE]["last_checked"] = now - 300
    watches[STATIC].update(last_checked=now - 60, last_error="Connection refused", title=None)
    serve(loopback, watches)
    rows = (await fetch(runtime, target(loopback.url), "watch_list")).data.rows
    price, static = rows
    assert (price.title, price.status, price.level) == ("Price page", "changed", Severity.INFO)
    assert price.detail.endswith("/price.html · checked 5m ago")
    assert price.url == price.detail.split(" · ")[0]
    assert static.title.endswith("/static.txt")  # no title: the URL
    assert (static.status, static.level) == ("error", Severity.WARNING)
    assert static.detail.endswith("checked 1m ago · Connection refused")
    stats = {
        s.label: s.value for s in (await fetch(runtime, target(loopback.url), "watches")).data.stats
    }
    assert stats["Errors"] == 1


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>changedetection</html>", {"Content-Type": "text/html"}),
        Response(200, [{"url": "x"}]),
        Response(200, {"uuid": {"title": "no url"}}),
    ],
    ids=["html", "list", "watch-without-url"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    loopback.route("GET", "/api/v1/watch", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "watches")
    assert "changedetectionio" in str(err.value)


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)
