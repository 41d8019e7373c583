"""Custom API against a loopback JSON API: for a generic client the loopback server *is* the
real thing. Covers the four auth modes, every renderer mapping, the path language, and the
errors a person sees for a wrong mapping or a wrong answer.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from integrations.customapi.paths import FieldMissing, PathError, parse_path
from integrations.errors import AuthError, BadResponseError, ConfigError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer
from tests.support.timeouts import REQUEST_TIMEOUT

#: What a small home-made status API might answer.
STATUS = {
    "data": {
        "users": 42,
        "load": "0.75",
        "healthy": True,
        "version": "1.4.2",
        "disk": {"used": 300, "total": 1200},
        "net": {"rx": 1250.5, "tx": 80},
    },
    "services": [
        {"name": "web", "state": "up", "url": "https://web.lan", "uptime": 99.9},
        {"name": "db", "state": "down", "uptime": 42.0},
        {"name": "cache", "state": "degraded", "url": "https://cache.lan", "uptime": 97.5},
    ],
    "jobs": [
        {"title": "backup", "done": 30, "size": 120, "eta": 90},
        {"title": "scrub", "done": 0.5},
    ],
    "stats": {"disk.used": 25},
}


def target(url: str, **config: Any) -> Target:
    return Target("c", "Custom", url, "customapi", config=config, timeout=REQUEST_TIMEOUT)


@pytest.fixture
def api(loopback: LoopbackServer) -> LoopbackServer:
    loopback.json("GET", "/api/status", STATUS)
    return loopback


# -- auth -----------------------------------------------------------------------------------


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(
    ("config", "header"),
    [
        (
            {"auth": "basic", "username": "me", "password": "pw"},
            ("Authorization", _basic("me", "pw")),
        ),
        ({"auth": "header", "header_name": "X-Api-Token", "token": "k1"}, ("X-Api-Token", "k1")),
        ({"auth": "bearer", "token": "jwt"}, ("Authorization", "Bearer jwt")),
    ],
    ids=["basic", "header", "bearer"],
)
async def test_auth_modes(
    loopback: LoopbackServer, runtime: Runtime, config: dict[str, str], header: tuple[str, str]
) -> None:
    loopback.json("GET", "/", {"ok": True}, require_header=header)
    loopback.json("GET", "/api/status", STATUS, require_header=header)
    good = await runtime.test_connection(target(loopback.url, **config))
    assert good.ok, good.error
    assert good.summary == f"{loopback.url} answers (HTTP 200, application/json)"
    result = await fetch(
        runtime,
        target(loopback.url, **config),
        "stat",
        {"path": "/api/status", "values": "Users=data.users"},
    )
    assert result.data.stats[0].value == 42
    wrong = (
        {**config, "password": "bad"} if config["auth"] == "basic" else {**config, "token": "bad"}
    )
    bad = await runtime.test_connection(target(loopback.url, **wrong))
    assert isinstance(bad.error, AuthError)


async def test_no_auth_sends_no_credentials(api: LoopbackServer, runtime: Runtime) -> None:
    await fetch(
        runtime, target(api.url), "stat", {"path": "api/status", "values": "V=data.version"}
    )
    sent = api.requests_to("/api/status")[-1]
    assert sent.header("Authorization") is None and sent.header("X-API-Key") is None


async def test_root_404_still_connects(loopback: LoopbackServer, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok and "HTTP 404" in outcome.summary


@pytest.mark.parametrize(
    "config",
    [{"auth": "basic"}, {"auth": "header"}, {"auth": "bearer", "token": ""},
     {"auth": "header", "token": "x", "header_name": "Bad Header"}],
)  # fmt: skip
def test_incomplete_auth_config(config: dict[str, str]) -> None:
    from integrations.customapi import INTEGRATION

    with pytest.raises(ConfigError):
        INTEGRATION.validate_config(config)


# -- the six renderers ------------------------------------------------------------------------


async def test_stat_mapping(api: LoopbackServer, runtime: Runtime) -> None:
    options = {
        "path": "/api/status",
        "values": "Users=data.users; Load=data.load|%; Healthy=data.healthy;"
        ' Version=data.version; Disk=stats["disk.used"]|%',
        "warning": 40,
    }
    stats = (await fetch(runtime, target(api.url), "stat", options)).data.stats
    assert [(s.label, s.value, s.unit) for s in stats] == [
        ("Users", 42, ""),
        ("Load", "0.75", "%"),
        ("Healthy", "yes", ""),
        ("Version", "1.4.2", ""),
        ("Disk", 25, "%"),
    ]
    assert stats[0].level is Severity.WARNING and stats[4].level is Severity.OK


async def test_gauge_with_max_field(api: LoopbackServer, runtime: Runtime) -> None:
    options = {
        "path": "/api/status",
        "field": "data.disk.used",
        "max_field": "data.disk.total",
        "label": "Disk",
        "unit": "GB",
        "warning": 250,
    }
    data = (await fetch(runtime, target(api.url), "gauge", options)).data
    assert (data.label, data.value, data.max, data.unit) == ("Disk", 300, 1200, "GB")
    assert data.fraction == 0.25 and data.level is Severity.WARNING


async def test_gauge_reads_numeric_text(api: LoopbackServer, runtime: Runtime) -> None:
    data = (
        await fetch(
            runtime,
            target(api.url),
            "gauge",
            {"path": "/api/status", "field": "data.load", "max": 4},
        )
    ).data
    assert data.value == 0.75 and data.label == "data.load"


async def test_list_rows_line_up(api: LoopbackServer, runtime: Runtime) -> None:
    options = {
        "path": "/api/status",
        "title_field": "services[*].name",
        "detail_field": "services[*].url",
        "status_field": "services[*].state",
        "warning_values": "degraded",
        "critical_values": "down, error",
        "limit": 2,
    }
    data = (await fetch(runtime, target(api.url), "list", options)).data
    assert [(r.title, r.detail, r.status, r.level) for r in data.rows] == [
        ("web", "https://web.lan", "up", Severity.OK),
        ("db", "", "down", Severity.CRITICAL),  # no url: an empty detail, rows stay aligned
    ]
    assert data.total == 3


async def test_list_of_plain_values(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.json("GET", "/names", {"names": ["a", "b"]})
    rows = (
        await fetch(
            runtime, target(loopback.url), "list", {"path": "/names", "title_field": "names"}
        )
    ).data.rows
    assert [r.title for r in rows] == ["a", "b"]


async def test_progress_count_and_fraction(api: LoopbackServer, runtime: Runtime) -> None:
    counted = {
        "path": "/api/status",
        "value_field": "jobs[0].done",
        "total_field": "jobs[0].size",
        "eta_field": "jobs[0].eta",
        "label": "Backup",
    }
    item = (await fetch(runtime, target(api.url), "progress", counted)).data.items[0]
    assert (item.label, item.percent, item.eta_seconds) == ("Backup", 25.0, 90)
    fraction = {"path": "/api/status", "value_field": "jobs[1].done", "scale": "fraction"}
    item = (await fetch(runtime, target(api.url), "progress", fraction)).data.items[0]
    assert (item.label, item.percent) == ("Progress", 50.0)


async def test_progress_one_bar_per_element(api: LoopbackServer, runtime: Runtime) -> None:
    options = {
        "path": "/api/status",
        "value_field": "services[*].uptime",
        "label_field": "services[*].name",
    }
    items = (await fetch(runtime, target(api.url), "progress", options)).data.items
    assert [(i.label, i.percent) for i in items] == [("web", 99.9), ("db", 42.0), ("cache", 97.5)]


async def test_alert_per_element(api: LoopbackServer, runtime: Runtime) -> None:
    options = {
        "path": "/api/status",
        "field": "services[*].state",
        "condition": "not_equals",
        "value": "up",
        "severity": "critical",
        "name_field": "services[*].name",
        "message": "{name} is {value}",
    }
    result = await fetch(runtime, target(api.url), "alert", options)
    assert [(a.key, a.message, a.severity) for a in result.alerts] == [
        ("services[*].state:db", "db is down", Severity.CRITICAL),
        ("services[*].state:cache", "cache is degraded", Severity.CRITICAL),
    ]
    assert result.alerts[0].source == "Custom"


@pytest.mark.parametrize(
    ("condition", "value", "raised"),
    [
        ("truthy", "", True),
        ("falsy", "", False),
        ("equals", "true", True),
        ("above", "41", None),
        ("below", "41", None),
    ],
)
async def test_alert_conditions(
    api: LoopbackServer, runtime: Runtime, condition: str, value: str, raised: bool | None
) -> None:
    field = "data.healthy" if raised is not None else "data.users"
    options = {"path": "/api/status", "field": field, "condition": condition, "value": value}
    alerts = (await fetch(runtime, target(api.url), "alert", options)).alerts
    expected = raised if raised is not None else condition == "above"
    assert bool(alerts) is expected
    if alerts:
        assert alerts[0].key == f"field:{field}" and alerts[0].severity is Severity.WARNING


async def test_chart_series(api: LoopbackServer, runtime: Runtime) -> None:
    options = {
        "path": "/api/status",
        "values": "In=data.net.rx; Out=data.net.tx",
        "unit": "kB/s",
        "style": "bar",
    }
    data = (await fetch(runtime, target(api.url), "chart", options)).data
    assert [(s.name, s.points[0].v) for s in data.series] == [("In", 1250.5), ("Out", 80.0)]
    assert (data.unit, data.style) == ("kB/s", "bar")


async def test_post_with_json_body(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.json("POST", "/rpc", {"result": {"count": 7}})
    options = {
        "path": "/rpc",
        "method": "POST",
        "body": '{"method": "count"}',
        "values": "N=result.count",
    }
    stats = (await fetch(runtime, target(loopback.url), "stat", options)).data.stats
    assert stats[0].value == 7
    assert loopback.requests_to("/rpc")[-1].json() == {"method": "count"}


async def test_query_string_is_kept(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.json("GET", "/api/q", {"n": 1})
    await fetch(
        runtime, target(loopback.url), "stat", {"path": "/api/q?window=1h", "values": "N=n"}
    )
    assert loopback.requests_to("/api/q")[-1].param("window") == "1h"


# -- errors a person sees ---------------------------------------------------------------------


async def test_missing_field_is_named(api: LoopbackServer, runtime: Runtime) -> None:
    with pytest.raises(BadResponseError) as err:
        await fetch(
            runtime, target(api.url), "stat", {"path": "/api/status", "values": "N=data.count"}
        )
    assert (
        err.value.message
        == "customapi: field 'data.count' not found in the answer from /api/status"
    )
    assert "users" in err.value.hint and "disk" in err.value.hint


async def test_missing_index_says_where(api: LoopbackServer, runtime: Runtime) -> None:
    with pytest.raises(BadResponseError) as err:
        await fetch(
            runtime, target(api.url), "gauge", {"path": "/api/status", "field": "jobs[5].done"}
        )
    assert "(there is no 'jobs[5]')" in err.value.message


async def test_not_a_number(api: LoopbackServer, runtime: Runtime) -> None:
    with pytest.raises(BadResponseError) as err:
        await fetch(
            runtime, target(api.url), "gauge", {"path": "/api/status", "field": "data.version"}
        )
    assert "'data.version'" in err.value.message and "not a number" in err.value.message


async def test_object_is_not_a_stat_value(api: LoopbackServer, runtime: Runtime) -> None:
    with pytest.raises(BadResponseError) as err:
        await fetch(
            runtime, target(api.url), "stat", {"path": "/api/status", "values": "D=data.disk"}
        )
    assert "an object" in err.value.message


@pytest.mark.parametrize(
    ("endpoint", "options"),
    [
        ("stat", {"values": "no equals sign"}),
        ("stat", {"values": "A=items[*].x"}),
        ("gauge", {"field": "data..x"}),
        ("gauge", {"field": "items[*].x"}),
        ("list", {"title_field": "a[*].b[*]"}),
        ("stat", {"path": "https://elsewhere.example/api", "values": "A=a"}),
        ("stat", {"method": "POST", "body": "{not json", "values": "A=a"}),
        ("alert", {"field": "a", "condition": "above", "value": "lots"}),
    ],
)
async def test_bad_options_are_refused_before_any_request(
    loopback: LoopbackServer, runtime: Runtime, endpoint: str, options: dict[str, Any]
) -> None:
    with pytest.raises(ConfigError):
        await fetch(runtime, target(loopback.url), endpoint, options)
    assert loopback.requests == []


async def test_html_answer(loopback: LoopbackServer, runtime: Runtime) -> None:
    from tests.support.loopback import Response

    loopback.route(
        "GET", "/api", Response(200, "<!doctype html><p>login</p>", {"Content-Type": "text/html"})
    )
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "stat", {"path": "/api", "values": "A=a"})
    assert "customapi" in err.value.message and "HTML" in err.value.message


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)


# -- the path language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("$", ()),
        ("data.items[0].value", ("data", "items", 0, "value")),
        ("items[*].name", ("items", "*", "name")),
        ('stats["disk.used"]', ("stats", "disk.used")),
        ("[0].id", (0, "id")),
        ("$.a[-1]", ("a", -1)),
    ],
)
def test_paths_parse(text: str, steps: tuple[Any, ...]) -> None:
    assert parse_path(text).steps == steps


@pytest.mark.parametrize("text", ["", "a..b", "a.", "a[x]", "a[0", "$a", "a[*].b[*]"])
def test_bad_paths(text: str) -> None:
    with pytest.raises(PathError):
        parse_path(text)


def test_wildcard_keeps_slots_for_elements_without_the_field() -> None:
    assert parse_path("services[*].url").resolve_many(STATUS) == [
        "https://web.lan",
        None,
        "https://cache.lan",
    ]
    with pytest.raises(FieldMissing) as err:
        parse_path("data.users[*]").resolve_many(STATUS)
    assert err.value.stopped_at == "data.users[*]"
