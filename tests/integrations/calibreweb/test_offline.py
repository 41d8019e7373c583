"""Calibre-Web offline: ``/opds/stats`` bodies and refusals as Calibre-Web 0.6.27 sends them (seen
from the real server, which test_live.py runs), from a loopback server."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.calibreweb.integration import INTEGRATION, LIBRARY
from integrations.errors import AuthError, BadResponseError, RateLimitedError
from integrations.registry import registry
from launcher_tui.importers.widgets import TypeIndex, map_widget
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

USER, PASSWORD = "reader", "Shelf-Reader-2026"
# the real answer, keys in Calibre-Web's order (Flask sorts them)
STATS = {"authors": 1874, "books": 5213, "categories": 96, "series": 411}
# what Calibre-Web answers a wrong or missing login, and a user after three wrong ones a minute
REFUSED = Response(401, b"Unauthorized Access", {"Content-Type": "text/html; charset=utf-8",
                   "WWW-Authenticate": 'Basic realm="Authentication Required"'})  # fmt: skip
LIMITED = Response(429, b"Unauthorized Access", {"Content-Type": "text/html; charset=utf-8",
                   "Retry-After": "59"})  # fmt: skip
LOGIN_PAGE = Response(200, b"<!doctype html><title>Calibre-Web | Login</title>",
                      {"Content-Type": "text/html; charset=utf-8"})  # fmt: skip


def serve(loopback: LoopbackServer, answer: Response) -> None:
    good = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def stats(req: Request) -> Response:
        return answer if req.header("authorization") == good else REFUSED

    loopback.route("GET", "/opds/stats", stats)


def target(url: str, password: str = PASSWORD) -> Target:
    config = {"username": USER, "password": password}
    return Target("c", "Books", url, "calibreweb", config=config, timeout=REQUEST_TIMEOUT)


async def test_good_answer(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, Response(200, STATS))
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok and outcome.summary == "Calibre-Web: 5213 books", outcome.error
    result = await fetch(runtime, target(loopback.url), "library")
    assert [(s.label, s.value) for s in result.data.stats] == [
        ("Books", 5213), ("Authors", 1874), ("Categories", 96), ("Series", 411)
    ]  # fmt: skip
    assert result.alerts == []
    assert {r.path for r in loopback.requests} == {"/opds/stats"}


async def test_refused_login(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, Response(200, STATS))
    wrong = target(loopback.url, password="nope")
    outcome = await runtime.test_connection(wrong)
    assert isinstance(outcome.error, AuthError), outcome.error
    with pytest.raises(AuthError):
        await fetch(runtime, wrong, "library")


async def test_too_many_wrong_logins_is_rate_limiting(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback, LIMITED)
    with pytest.raises(RateLimitedError) as caught:
        await fetch(runtime, target(loopback.url), "library")
    assert caught.value.retry_after == 59


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, {"html": "<title>Login</title>", "items": "none"}),
        Response(200, {"books": 3, "authors": 2}),  # another app, or a cut answer
        Response(200, [STATS]),
        LOGIN_PAGE,
    ],
    ids=["unrelated-json", "missing-fields", "json-list", "login-page"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    serve(loopback, answer)
    with pytest.raises(BadResponseError):
        await fetch(runtime, target(loopback.url), "library")
    assert isinstance((await runtime.test_connection(target(loopback.url))).error, BadResponseError)


@given(st.fixed_dictionaries({k: st.integers(min_value=0, max_value=2**63) for k in STATS}))
def test_counts_are_shown_as_sent(counts: dict[str, int]) -> None:
    shown = {s.label: s.value for s in INTEGRATION.stat_result(LIBRARY, counts).data.stats}
    assert shown == {"Books": counts["books"], "Authors": counts["authors"],
                     "Categories": counts["categories"], "Series": counts["series"]}  # fmt: skip


def test_homepages_calibreweb_widget_imports_as_it_is() -> None:
    widget = {"type": "calibreweb", "url": "http://books.lan:8083", "username": USER,
              "password": PASSWORD, "fields": ["books", "series"]}  # fmt: skip
    mapped = map_widget(widget, "http://books.lan:8083", TypeIndex(registry))
    assert mapped.problems == []
    assert mapped.integration == "calibreweb"
    assert mapped.config == {"username": USER, "password": PASSWORD}
    assert mapped.secret_fields == {"password"}
    assert [w.endpoint for w in mapped.widgets] == ["library"]
