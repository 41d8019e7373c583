"""Prometheus against a loopback server answering with responses recorded from Prometheus 2.42.

Covers every endpoint's good path, a PromQL syntax error, HTTP Basic auth (Prometheus' web
config or a proxy), wrong shapes (HTML, other JSON) and an unreachable server.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import (
    AuthError,
    BadResponseError,
    BadStatusError,
    ConfigError,
    UnreachableError,
)
from integrations.models import Severity
from integrations.prometheus.integration import INTEGRATION, series_names
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name: str) -> Response:
    """A response recorded from the real service (status and body)."""
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    return Response(data["status"], data["body"])


def target(url: str, **config: Any) -> Target:
    return Target("prom", "Prom", url, "prometheus", config=config, timeout=REQUEST_TIMEOUT)


def serve_api(loopback: LoopbackServer) -> None:
    loopback.route("GET", "/api/v1/status/buildinfo", recorded("buildinfo"))
    loopback.route("GET", "/api/v1/targets", recorded("targets"))


async def test_connection_reports_version(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_api(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Prometheus 2.42.0+ds"


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


async def test_basic_auth_good_and_bad(loopback: LoopbackServer, runtime: Runtime) -> None:
    body = json.loads((FIXTURES / "buildinfo.json").read_text())["body"]
    loopback.json(
        "GET",
        "/api/v1/status/buildinfo",
        body,
        require_header=("Authorization", _basic("prom", "s3cret")),
        denied=Response(401, "Unauthorized\n", {"WWW-Authenticate": "Basic"}),
    )
    good = await runtime.test_connection(target(loopback.url, username="prom", password="s3cret"))
    assert good.ok and good.summary.startswith("Prometheus 2.42")
    bad = await runtime.test_connection(
        target(loopback.url + "/", username="prom", password="wrong")
    )
    assert not bad.ok and isinstance(bad.error, AuthError)
    missing = await runtime.test_connection(target(loopback.url))
    assert isinstance(missing.error, AuthError)


async def test_targets_counts_up_and_down(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_api(loopback)
    result = await fetch(runtime, target(loopback.url), "targets")
    stats = {s.label: s for s in result.data.stats}
    assert (stats["Up"].value, stats["Down"].value, stats["Total"].value) == (2, 1, 3)
    assert stats["Down"].level is Severity.CRITICAL
    assert loopback.requests_to("/api/v1/targets")[-1].param("state") == "active"


async def test_target_list_puts_down_targets_first(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve_api(loopback)
    data = (await fetch(runtime, target(loopback.url), "target_list")).data
    assert data.total == 3
    first = data.rows[0]
    assert first.title == "down-on-purpose/127.0.0.1:9"
    assert first.status == "down" and first.level is Severity.CRITICAL
    assert "connection refused" in first.detail
    assert {r.status for r in data.rows[1:]} == {"up"}
    assert all(r.detail == "" for r in data.rows[1:])


async def test_target_alerts_one_critical_per_down_target(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve_api(loopback)
    result = await fetch(runtime, target(loopback.url), "target_alerts")
    assert [a.key for a in result.alerts] == ["target:http://127.0.0.1:9/metrics"]
    alert = result.alerts[0]
    assert alert.severity is Severity.CRITICAL and alert.source == "Prom"
    assert "down-on-purpose" in alert.message
    assert result.data.severity is Severity.CRITICAL
    # the runtime's alert sweep skips option endpoints and finds the same alert
    assert [a.key for a in await runtime.alerts(target(loopback.url))] == [alert.key]


async def test_target_alerts_all_clear(loopback: LoopbackServer, runtime: Runtime) -> None:
    body = json.loads((FIXTURES / "targets.json").read_text())["body"]
    for t in body["data"]["activeTargets"]:
        t["health"], t["lastError"] = "up", ""
    loopback.json("GET", "/api/v1/targets", body)
    result = await fetch(runtime, target(loopback.url), "target_alerts")
    assert result.alerts == [] and result.data.severity is Severity.OK


async def test_query_stat_one_stat_per_series(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/query", recorded("query-up"))
    result = await fetch(
        runtime, target(loopback.url), "query_stat", {"query": "up", "critical": 0.5}
    )
    stats = result.data.stats
    assert [s.value for s in stats] == [1.0, 1.0, 0.0]
    # the labels that tell the series apart (instance, job) name them
    assert stats[2].label == "up 127.0.0.1:9 down-on-purpose"
    assert [s.level for s in stats] == [Severity.CRITICAL, Severity.CRITICAL, Severity.OK]
    assert loopback.requests_to("/api/v1/query")[-1].param("query") == "up"


async def test_query_stat_label_template_and_limit(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    loopback.route("GET", "/api/v1/query", recorded("query-up"))
    options = {"query": "up", "label": "{job} up", "limit": 2, "unit": "x"}
    stats = (await fetch(runtime, target(loopback.url), "query_stat", options)).data.stats
    assert [s.label for s in stats] == ["node up", "prometheus up"]
    assert all(s.unit == "x" for s in stats)


async def test_query_stat_scalar_and_empty(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/query", recorded("query-scalar"))
    stats = (
        await fetch(runtime, target(loopback.url), "query_stat", {"query": "count(up == 1)"})
    ).data.stats
    assert [(s.label, s.value) for s in stats] == [("count(up == 1)", 2.0)]
    loopback.json(
        "GET",
        "/api/v1/query",
        {"status": "success", "data": {"resultType": "vector", "result": []}},
    )
    empty = (
        await fetch(runtime, target(loopback.url), "query_stat", {"query": "nothing", "label": "N"})
    ).data.stats
    assert [(s.label, s.value) for s in empty] == [("N", None)]


async def test_query_gauge_first_series(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/query", recorded("query-scalar"))
    options = {"query": "count(up == 1)", "label": "Targets up", "max": 3, "unit": "", "warning": 2}
    gauge = (await fetch(runtime, target(loopback.url), "query_gauge", options)).data
    assert (gauge.label, gauge.value, gauge.max, gauge.unit) == ("Targets up", 2.0, 3.0, "")
    assert gauge.level is Severity.WARNING


async def test_query_gauge_over_several_series_asks_for_an_aggregation(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    """`prometheus_gauge_multi_series.py`: never show the first of N series silently."""
    result = [
        {"metric": {"__name__": "node_load1", "instance": inst, "job": "node"}, "value": [1, v]}
        for inst, v in (("a:9100", "0.5"), ("b:9100", "3.25"), ("c:9100", "12"))
    ]
    loopback.json(
        "GET",
        "/api/v1/query",
        {"status": "success", "data": {"resultType": "vector", "result": result}},
    )
    with pytest.raises(ConfigError, match="returns 3 series") as refused:
        await fetch(runtime, target(loopback.url), "query_gauge", {"query": "node_load1"})
    assert "node_load1 a:9100, node_load1 b:9100, node_load1 c:9100" in refused.value.message
    assert "max(node_load1)" in refused.value.hint and "sum(node_load1)" in refused.value.hint


async def test_query_gauge_without_data_is_a_config_error(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    loopback.json(
        "GET",
        "/api/v1/query",
        {"status": "success", "data": {"resultType": "vector", "result": []}},
    )
    with pytest.raises(ConfigError, match="no_such_metric"):
        await fetch(runtime, target(loopback.url), "query_gauge", {"query": "no_such_metric"})


async def test_query_chart_range_window(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/query_range", recorded("query-range"))
    chart = (await fetch(runtime, target(loopback.url), "query_chart", {"query": "sum(up)"})).data
    assert [s.name for s in chart.series] == ["sum(up)"]
    assert [(p.t, p.v) for p in chart.series[0].points] == [(1795595674.0, 2.0)]
    sent = loopback.requests_to("/api/v1/query_range")[-1]
    assert float(sent.param("end")) - float(sent.param("start")) == pytest.approx(1800)
    assert sent.param("step") == "60" and sent.param("query") == "sum(up)"


async def test_query_chart_many_series_skips_nan(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    def series(instance: str, values: list[str]) -> dict[str, Any]:
        return {
            "metric": {"__name__": "up", "instance": instance, "job": "j"},
            "values": [[1000 + 60 * i, v] for i, v in enumerate(values)],
        }

    body = {
        "status": "success",
        "data": {
            "resultType": "matrix",
            "result": [series("a", ["1", "NaN", "0"]), series("b", ["1"])],
        },
    }
    loopback.json("GET", "/api/v1/query_range", body)
    options = {"query": "up", "window_minutes": 10, "step_seconds": 30, "unit": "u"}
    chart = (await fetch(runtime, target(loopback.url), "query_chart", options)).data
    assert [s.name for s in chart.series] == ["up a", "up b"]
    assert [p.v for p in chart.series[0].points] == [1.0, 0.0]
    assert chart.unit == "u"
    sent = loopback.requests_to("/api/v1/query_range")[-1]
    assert float(sent.param("end")) - float(sent.param("start")) == pytest.approx(600)


async def test_promql_syntax_error_names_the_query(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    loopback.route("GET", "/api/v1/query", recorded("query-bad"))
    with pytest.raises(ConfigError) as err:
        await fetch(runtime, target(loopback.url), "query_stat", {"query": "up{"})
    assert "'up{'" in err.value.message and "parse error" in err.value.message
    assert err.value.code == "invalid_config"
    loopback.route("GET", "/api/v1/query_range", recorded("query-bad"))
    with pytest.raises(ConfigError, match="up"):
        await fetch(runtime, target(loopback.url), "query_chart", {"query": "up{"})


def test_invalid_widget_options_are_rejected() -> None:
    with pytest.raises(ConfigError, match="query"):
        INTEGRATION.validate_options("query_stat", {})
    with pytest.raises(ConfigError, match="max must be greater"):
        INTEGRATION.validate_options("query_gauge", {"query": "x", "min": 5, "max": 5})
    with pytest.raises(ConfigError, match="raise the step"):
        INTEGRATION.validate_options(
            "query_chart", {"query": "x", "window_minutes": 7 * 24 * 60, "step_seconds": 1}
        )


@pytest.mark.parametrize(
    "answer",
    [
        Response(
            200,
            "<!DOCTYPE html><html><body>Grafana login</body></html>",
            {"Content-Type": "text/html"},
        ),
        Response(200, {"version": "something else"}),
        Response(200, {"status": "success", "data": {"targets": []}}),
    ],
    ids=["html", "other-json", "wrong-data"],
)
async def test_wrong_shape_is_a_bad_response(
    loopback: LoopbackServer, runtime: Runtime, answer: Response
) -> None:
    loopback.route("GET", "/api/v1/targets", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "targets")
    assert "prometheus" in str(err.value).lower()


async def test_proxy_error_page_is_a_bad_status(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.route("GET", "/api/v1/query", Response(503, "<html>Bad gateway</html>"))
    with pytest.raises(BadStatusError, match="503"):
        await fetch(runtime, target(loopback.url), "query_stat", {"query": "up"})


async def test_query_timeout_envelope(loopback: LoopbackServer, runtime: Runtime) -> None:
    body = {
        "status": "error",
        "errorType": "timeout",
        "error": "query timed out in expression evaluation",
    }
    loopback.json("GET", "/api/v1/query", body, status=503)
    with pytest.raises(Exception) as err:
        await fetch(runtime, target(loopback.url), "query_gauge", {"query": "up"})
    assert err.value.code == "timeout"


async def test_unreachable(runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target(dead_url))
    assert isinstance(outcome.error, UnreachableError)
    with pytest.raises(UnreachableError):
        await fetch(runtime, target(dead_url), "targets")


def test_series_names() -> None:
    metrics = [{"__name__": "up", "job": "a"}, {"__name__": "up", "job": "b"}]
    assert series_names(metrics, "", "up") == ["up a", "up b"]
    assert series_names(metrics, "Jobs", "up") == ["Jobs a", "Jobs b"]
    assert series_names(metrics, "{job}/{missing}", "up") == ["a/", "b/"]
    assert series_names([{}], "", "sum(up)") == ["sum(up)"]
    assert series_names([{"__name__": "x"}, {"__name__": "y"}], "", "q") == ["x", "y"]
    assert series_names([{"job": "a"}], "{0}", "q") == ["{0}"]
