"""The declarative JSON integration base: auth styles, stat fields, lists, alerts, wrong shapes.

A small integration declared here (on a private registry, so the integration-wide kind tests
never see it) is driven through the runtime against a loopback server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.declarative import (
    Basic,
    Bearer,
    JsonIntegration,
    JsonList,
    JsonStat,
    Probe,
    QueryKey,
    StatField,
    UserPasswordConfig,
    api_key_config,
    number,
)
from integrations.errors import AuthError, BadResponseError
from integrations.models import Severity
from integrations.registry import Registry
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

KEY = "k-123"
STATUS = {
    "version": {"full": "1.2.3"},
    "jobs": [
        {"name": "backup", "state": "failed", "last": 1700000000, "link": "http://ci/1"},
        {"name": "sync", "state": "ok", "last": 1700000100, "link": "javascript:alert(1)"},
        {"name": "scrub", "state": "running"},
    ],
    "disk": {"used": "1024", "free_ms": 2500, "errors": 3},
}


class Demo(JsonIntegration):
    id = "demo_declared"
    name = "Demo"
    config_model = api_key_config("Settings → API.")
    auth = QueryKey("apikey")
    probe = Probe("/api/status", version="version.full")
    declared = (
        JsonStat("disk", "Disk", "/api/status", root="disk", fields=(
            StatField("Used", "used", unit="B"),
            StatField("Free for", "free_ms", unit="s", scale=0.001),
            StatField("Errors", "errors", warning_above=0, critical_above=2),
            StatField("Spare", "spare", optional=True),
        )),
        JsonList("jobs", "Jobs", "/api/status", items="jobs", title="name", detail=("state",),
                 status="state", url="link",
                 levels={"failed": Severity.CRITICAL, "running": Severity.INFO}),
    )  # fmt: skip


class BearerDemo(Demo):
    id = "demo_bearer"
    auth = Bearer()


class BasicDemo(Demo):
    id = "demo_basic"
    config_model = UserPasswordConfig
    auth = Basic()


@pytest.fixture
async def rt() -> AsyncIterator[Runtime]:
    registry = Registry()
    for cls in (Demo, BearerDemo, BasicDemo):
        registry.register(cls)
    runtime = Runtime(registry=registry)
    yield runtime
    await runtime.aclose()


def authorised(req) -> bool:  # type: ignore[no-untyped-def]
    return (
        KEY
        in (
            req.param("apikey"),
            (req.header("authorization") or "").removeprefix("Bearer "),
        )
        or req.header("authorization") == "Basic dXNlcjprLTEyMw=="
    )  # user:k-123


def serve(loopback: LoopbackServer, body: object = STATUS) -> None:
    loopback.route(
        "GET",
        "/api/status",
        lambda req: Response(200, body) if authorised(req) else Response(401, {"error": "no"}),
    )


def target(url: str, integration: str = "demo_declared", key: str = KEY) -> Target:
    config: dict[str, str] = {"api_key": key}
    if integration == "demo_basic":
        config = {"username": "user", "password": key}
    return Target("d", "Demo", url, integration, config=config, timeout=REQUEST_TIMEOUT)


@pytest.mark.parametrize("integration", ["demo_declared", "demo_bearer", "demo_basic"])
async def test_each_auth_style_reaches_the_service(
    loopback: LoopbackServer, rt: Runtime, integration: str
) -> None:
    serve(loopback)
    outcome = await rt.test_connection(target(loopback.url, integration))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Demo 1.2.3"
    refused = await rt.test_connection(target(loopback.url, integration, key="wrong"))
    assert isinstance(refused.error, AuthError)


async def test_stat_fields_scale_colour_and_alert(loopback: LoopbackServer, rt: Runtime) -> None:
    serve(loopback)
    result = await fetch(rt, target(loopback.url), "disk")
    stats = result.data.stats
    assert [(s.label, s.value, s.unit) for s in stats] == [
        ("Used", 1024, "B"), ("Free for", 2.5, "s"), ("Errors", 3, ""), ("Spare", None, "")
    ]  # fmt: skip
    assert stats[2].level is Severity.CRITICAL
    assert [a.message for a in result.alerts] == ["Errors: 3"]


async def test_list_rows_worst_first_with_safe_links(loopback: LoopbackServer, rt: Runtime) -> None:
    serve(loopback)
    result = await fetch(rt, target(loopback.url), "jobs")
    rows = result.data.rows
    assert [(r.title, r.status, r.level) for r in rows] == [
        ("backup", "failed", Severity.CRITICAL),
        ("scrub", "running", Severity.INFO),
        ("sync", "ok", Severity.OK),
    ]
    assert rows[0].url == "http://ci/1" and rows[2].url is None  # only http(s) links
    assert [a.message for a in result.alerts] == ["backup: failed"]


async def test_missing_field_is_a_bad_response(loopback: LoopbackServer, rt: Runtime) -> None:
    serve(loopback, body={"disk": {"used": 1}})
    with pytest.raises(BadResponseError, match=r"no 'free_ms'.*found used"):
        await fetch(rt, target(loopback.url), "disk")
    with pytest.raises(BadResponseError, match="no 'jobs'"):
        await fetch(rt, target(loopback.url), "jobs")


async def test_a_list_that_is_not_a_list(loopback: LoopbackServer, rt: Runtime) -> None:
    serve(loopback, body={**STATUS, "jobs": "none"})
    with pytest.raises(BadResponseError, match="'jobs' is str, not a list"):
        await fetch(rt, target(loopback.url), "jobs")


def test_endpoints_are_built_from_the_declarations() -> None:
    assert [(e.id, str(e.kind)) for e in Demo.endpoints] == [("disk", "stat"), ("jobs", "list")]


@given(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.lists(st.none()))
)
def test_number_never_raises(value: object) -> None:
    out = number(value)
    assert out is None or isinstance(out, int | float)
