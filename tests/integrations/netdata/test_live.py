"""``netdata`` against a real Netdata 1.37 agent (in-memory database, core collectors only).

Run as root: ``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/netdata -q'``
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from integrations.errors import ConfigError, UnreachableError
from integrations.models import FetchResult, Severity
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import RunningService, service_fixture
from tests.support.timeouts import REQUEST_TIMEOUT

pytestmark = pytest.mark.live("netdata")
netdata = service_fixture("netdata")


def target(url: str) -> Target:
    return Target("nd", "Netdata", url, "netdata", timeout=REQUEST_TIMEOUT)


async def fetch(
    rt: Runtime, svc: RunningService, endpoint: str, options: dict[str, Any] | None = None
) -> FetchResult:
    return (await rt.fetch(target(svc.url), endpoint, options, force=True)).value


async def test_connection(netdata: RunningService, runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target(netdata.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == f"Netdata v1.37.1 on {netdata.extra['hostname']}"
    closed = await runtime.test_connection(target(dead_url))
    assert isinstance(closed.error, UnreachableError)


async def test_alarm_counts_match_raised_alarms(netdata: RunningService, runtime: Runtime) -> None:
    stats = {s.label: s.value for s in (await fetch(runtime, netdata, "alarms")).data.stats}
    alerts = (await fetch(runtime, netdata, "alarm_alerts")).alerts
    assert isinstance(stats["Warnings"], int) and isinstance(stats["Criticals"], int)
    assert sum(a.severity is Severity.WARNING for a in alerts) == stats["Warnings"]
    assert sum(a.severity is Severity.CRITICAL for a in alerts) == stats["Criticals"]
    assert all(a.key.startswith("alarm:") for a in alerts)


async def test_default_chart_has_real_samples(netdata: RunningService, runtime: Runtime) -> None:
    # 60 points over 10 minutes: each is a 10 s group, so a just-started agent needs a moment
    for _ in range(25):
        chart = (await fetch(runtime, netdata, "chart", {})).data
        user = next(s for s in chart.series if s.name == "user")
        if user.points:
            break
        await asyncio.sleep(1)
    assert {"user", "system"} <= {s.name for s in chart.series}
    assert user.points, "system.cpu has data within 25 s"
    times = [p.t for p in user.points]
    assert times == sorted(times) and all(0 <= p.v <= 100 for p in user.points)


async def test_chart_dimension_option(netdata: RunningService, runtime: Runtime) -> None:
    chart = (
        await fetch(
            runtime, netdata, "chart", {"chart": "system.ram", "dimension": "used", "unit": "MiB"}
        )
    ).data
    assert [s.name for s in chart.series] == ["used"]
    points = chart.series[0].points
    assert chart.unit == "MiB" and points and all(p.v > 0 for p in points)


async def test_bad_chart_options(netdata: RunningService, runtime: Runtime) -> None:
    with pytest.raises(ConfigError, match="no chart"):
        await fetch(runtime, netdata, "chart", {"chart": "no.such.chart"})
    with pytest.raises(ConfigError, match=r"no dimension 'nope'.*user"):
        await fetch(runtime, netdata, "chart", {"dimension": "nope"})
