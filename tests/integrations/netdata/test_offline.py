"""Netdata against a loopback server answering with responses recorded from Netdata 1.37.1.

``*-raised`` fixtures come from an agent with two always-raised test alarms (one warning on
system.load, one critical on system.ram), so the alarm endpoints see real raised alarms.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integrations.errors import BadResponseError, ConfigError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name: str) -> Response:
    """A response recorded from the real service (status and body)."""
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    return Response(data["status"], data["body"])


def target(url: str) -> Target:
    return Target("nd", "Netdata", url, "netdata", timeout=REQUEST_TIMEOUT)


async def test_connection(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/info", recorded("info"))
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Netdata v1.37.1 on rs-netdata"


async def test_alarm_counts_quiet(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/info", recorded("info"))
    stats = (await fetch(runtime, target(loopback.url), "alarms")).data.stats
    assert [(s.label, s.value, s.level) for s in stats] == [
        ("Warnings", 0, Severity.OK),
        ("Criticals", 0, Severity.OK),
    ]


async def test_alarm_counts_raised(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/info", recorded("info-raised"))
    stats = (await fetch(runtime, target(loopback.url), "alarms")).data.stats
    assert [(s.value, s.level) for s in stats] == [(1, Severity.WARNING), (1, Severity.CRITICAL)]


async def test_raised_alarms_become_alerts(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/alarms", recorded("alarms-raised"))
    result = await fetch(runtime, target(loopback.url), "alarm_alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [
        ("alarm:system.ram.lt_ram_always_crit", Severity.CRITICAL),
        ("alarm:system.load.lt_load_always_warn", Severity.WARNING),
    ]
    warning = result.alerts[1]
    assert warning.message.startswith("system.load lt_load_always_warn = 0.82 load")
    assert "always raised (warning)" in warning.message
    assert result.data.severity is Severity.CRITICAL and warning.source == "Netdata"


async def test_no_alarms_all_clear(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/alarms", recorded("alarms"))
    result = await fetch(runtime, target(loopback.url), "alarm_alerts")
    assert result.alerts == [] and result.data.severity is Severity.OK


async def test_cleared_alarms_are_ignored(loopback: LoopbackServer, runtime: Runtime) -> None:
    body = json.loads((FIXTURES / "alarms-raised.json").read_text())["body"]
    for alarm in body["alarms"].values():
        alarm["status"] = "CLEAR"
    loopback.json("GET", "/api/v1/alarms", body)
    assert (await fetch(runtime, target(loopback.url), "alarm_alerts")).alerts == []


async def test_chart_default_is_system_cpu(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/data", recorded("data-system-cpu-json"))
    chart = (await fetch(runtime, target(loopback.url), "chart", {})).data
    assert [s.name for s in chart.series][:3] == ["guest_nice", "guest", "steal"]
    user = next(s for s in chart.series if s.name == "user")
    # the recording has one real row; the 59 older ones are null and left out
    assert [(p.t, p.v) for p in user.points] == [(1795597070.0, 20.4860213)]
    sent = loopback.requests_to("/api/v1/data")[-1]
    assert (sent.param("chart"), sent.param("after"), sent.param("points")) == (
        "system.cpu",
        "-600",
        "60",
    )
    assert sent.param("format") == "json"


async def test_chart_one_dimension_oldest_first(loopback: LoopbackServer, runtime: Runtime) -> None:
    body = {
        "labels": ["time", "load1", "load5", "load15"],
        "data": [[1020, 0.5, 0.4, 0.3], [1010, None, None, None], [1000, 0.2, 0.3, 0.3]],
    }
    loopback.json("GET", "/api/v1/data", body)
    options = {"chart": "system.load", "dimension": "load1", "unit": "load"}
    chart = (await fetch(runtime, target(loopback.url), "chart", options)).data
    assert [s.name for s in chart.series] == ["load1"]
    assert [(p.t, p.v) for p in chart.series[0].points] == [(1000, 0.2), (1020, 0.5)]
    assert chart.unit == "load"
    assert loopback.requests_to("/api/v1/data")[-1].param("chart") == "system.load"


async def test_chart_jsonwrap_answer_is_understood(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    loopback.route("GET", "/api/v1/data", recorded("data-system-cpu"))
    chart = (await fetch(runtime, target(loopback.url), "chart", {"dimension": "system"})).data
    assert [p.v for p in chart.series[0].points] == [0.5, 0.25]


async def test_unknown_chart_is_a_config_error(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/data", recorded("data-no-chart"))
    with pytest.raises(ConfigError, match=r"no chart 'no\.such'"):
        await fetch(runtime, target(loopback.url), "chart", {"chart": "no.such"})


async def test_unknown_dimension_lists_the_real_ones(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    loopback.route("GET", "/api/v1/data", recorded("data-system-load-json"))
    with pytest.raises(ConfigError) as err:
        await fetch(
            runtime, target(loopback.url), "chart", {"chart": "system.load", "dimension": "x"}
        )
    assert "no dimension 'x'" in err.value.message and "load1, load5, load15" in err.value.message


@pytest.mark.parametrize(
    ("path", "answer", "endpoint"),
    [
        ("/api/v1/info", Response(200, "<html><body>router login</body></html>"), "alarms"),
        ("/api/v1/info", Response(200, {"version": "v1", "alarms": "none"}), "alarms"),
        ("/api/v1/alarms", Response(200, {"alarms": [1, 2]}), "alarm_alerts"),
        ("/api/v1/data", Response(200, {"labels": [], "data": []}), "chart"),
    ],
    ids=["html", "other-json", "alarms-list", "empty-table"],
)
async def test_wrong_shape(
    loopback: LoopbackServer, runtime: Runtime, path: str, answer: Response, endpoint: str
) -> None:
    loopback.route("GET", path, answer)
    options = {} if endpoint == "chart" else None
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), endpoint, options)
    assert "netdata" in str(err.value).lower()


async def test_unreachable(runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target(dead_url))
    assert isinstance(outcome.error, UnreachableError)
