"""``prometheus`` against a real Prometheus 2.42 scraping itself, a node exporter and a down target.

Run as root: ``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/prometheus -q'``
"""

from __future__ import annotations

from typing import Any

import pytest

from integrations.errors import BadResponseError, ConfigError, UnreachableError
from integrations.models import FetchResult, Severity
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import RunningService, service_fixture
from tests.support.timeouts import REQUEST_TIMEOUT

pytestmark = pytest.mark.live("prometheus")
prometheus = service_fixture("prometheus")


def target(url: str, **config: Any) -> Target:
    return Target("prom", "Prometheus", url, "prometheus", config=config, timeout=REQUEST_TIMEOUT)


async def fetch(
    rt: Runtime, svc: RunningService, endpoint: str, options: dict[str, Any] | None = None
) -> FetchResult:
    return (await rt.fetch(target(svc.url), endpoint, options, force=True)).value


async def test_connection_and_wrong_urls(
    prometheus: RunningService, runtime: Runtime, dead_url: str
) -> None:
    good = await runtime.test_connection(target(prometheus.url))
    assert good.ok, good.error
    assert good.summary.startswith("Prometheus 2.")
    # Prometheus has no credentials of its own; Basic credentials it does not ask for are ignored
    with_auth = await runtime.test_connection(target(prometheus.url, username="u", password="p"))
    assert with_auth.ok, with_auth.error
    # a classic mistake: the node exporter's URL (it answers every path with its HTML page)
    exporter = await runtime.test_connection(target(prometheus.extra["node_exporter_url"]))
    assert isinstance(exporter.error, BadResponseError)
    assert "prometheus" in exporter.error.message and "HTML" in exporter.error.message
    closed = await runtime.test_connection(target(dead_url))
    assert isinstance(closed.error, UnreachableError)


async def test_targets_see_the_down_target(prometheus: RunningService, runtime: Runtime) -> None:
    stats = {s.label: s for s in (await fetch(runtime, prometheus, "targets")).data.stats}
    assert (stats["Up"].value, stats["Down"].value, stats["Total"].value) == (2, 1, 3)
    assert stats["Down"].level is Severity.CRITICAL

    rows = (await fetch(runtime, prometheus, "target_list")).data.rows
    down = f"{prometheus.extra['down_job']}/{prometheus.extra['down_target']}"
    assert rows[0].title == down and rows[0].status == "down"
    assert "connection refused" in rows[0].detail
    assert f"{prometheus.extra['up_job']}/{prometheus.extra['up_target']}" in [
        r.title for r in rows
    ]


async def test_down_target_raises_a_critical_alert(
    prometheus: RunningService, runtime: Runtime
) -> None:
    result = await fetch(runtime, prometheus, "target_alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [
        (f"target:http://{prometheus.extra['down_target']}/metrics", Severity.CRITICAL)
    ]
    assert result.alerts[0].source == "Prometheus"


async def test_query_stat_labels_series(prometheus: RunningService, runtime: Runtime) -> None:
    stats = (
        await fetch(runtime, prometheus, "query_stat", {"query": "up", "label": "{job}"})
    ).data.stats
    values = {s.label: s.value for s in stats}
    assert values == {"prometheus": 1.0, "node": 1.0, prometheus.extra["down_job"]: 0.0}


async def test_query_gauge_real_metric(prometheus: RunningService, runtime: Runtime) -> None:
    gauge = (
        await fetch(
            runtime,
            prometheus,
            "query_gauge",
            {"query": "count(up == 1)", "label": "Up", "max": 3, "unit": ""},
        )
    ).data
    assert (gauge.label, gauge.value, gauge.max) == ("Up", 2.0, 3.0)
    load = (
        await fetch(runtime, prometheus, "query_gauge", {"query": "node_load1", "max": 64})
    ).data
    assert load.label == "node_load1" and load.value >= 0


async def test_query_chart_range(prometheus: RunningService, runtime: Runtime) -> None:
    options = {"query": "up", "window_minutes": 5, "step_seconds": 1}
    chart = (await fetch(runtime, prometheus, "query_chart", options)).data
    by_name = {s.name: s for s in chart.series}
    assert len(by_name) == 3
    down = next(s for name, s in by_name.items() if prometheus.extra["down_job"] in name)
    assert down.points and {p.v for p in down.points} == {0.0}
    times = [p.t for p in down.points]
    assert times == sorted(times)


async def test_promql_error_names_the_query(prometheus: RunningService, runtime: Runtime) -> None:
    with pytest.raises(ConfigError) as err:
        await fetch(runtime, prometheus, "query_stat", {"query": "up{"})
    assert "'up{'" in err.value.message and "parse error" in err.value.message
    with pytest.raises(ConfigError, match="sum by"):
        await fetch(runtime, prometheus, "query_chart", {"query": "sum by (job up"})
