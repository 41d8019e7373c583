"""Alertmanager against the real daemon: alerts posted to its API become the dashboard's alerts."""

from __future__ import annotations

import pytest

from integrations.models import Severity
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("alertmanager")
alertmanager = service_fixture("alertmanager")


def expected(svc: RunningService) -> list[tuple[Severity, str]]:
    """(severity, message) of the posted alerts, worst first, as the integration words them."""
    levels = {"critical": Severity.CRITICAL, "warning": Severity.WARNING}
    return [
        (levels[a["severity"]], f"{a['alertname']} · {a['instance']} · {a['summary']}")
        for a in svc.extra["alerts"]
    ]


async def test_connection(alertmanager: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(alertmanager, "alertmanager"))
    assert outcome.ok, outcome.error
    assert "0.25" in outcome.summary


async def test_firing_alerts_become_ours(alertmanager: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(alertmanager, "alertmanager"), "alerts")
    assert [(a.severity, a.message) for a in result.data.alerts] == expected(alertmanager)
    assert result.alerts == result.data.alerts
    assert all(a.key.startswith("am:") for a in result.alerts)  # the fingerprint: stable


async def test_summary_and_list(alertmanager: RunningService, runtime: Runtime) -> None:
    summary = await fetch(runtime, app(alertmanager, "alertmanager"), "summary")
    assert stats(summary) == {"Critical": 1, "Warning": 1, "Other": 0}
    assert len(summary.alerts) == 2
    rows = (await fetch(runtime, app(alertmanager, "alertmanager"), "alert_list")).data.rows
    assert [(r.title, r.level) for r in rows] == [
        (a["alertname"], sev)
        for a, (sev, _) in zip(alertmanager.extra["alerts"], expected(alertmanager), strict=True)
    ]
