"""Monit against the real daemon: four checks pass, one (a TCP port nobody listens on) fails."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("monit")
monit = service_fixture("monit")


async def test_connection_good_and_refused(monit: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(monit, "monit"))
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith("Monit 5.") and outcome.summary.endswith(
        f"({monit.extra['checks']} checks)"
    )
    refused = await runtime.test_connection(app(monit, "monit", password="wrong"))
    assert isinstance(refused.error, AuthError)


async def test_failing_check_is_a_critical_alert(monit: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(monit, "monit"), "summary")
    assert stats(result) == {
        "OK": len(monit.extra["passing_checks"]),
        "Failing": 1,
        "Unmonitored": 0,
    }
    [alert] = result.alerts
    failing = monit.extra["failing_check"]
    assert alert.severity is Severity.CRITICAL and alert.key == f"service:{failing}"
    assert alert.message == f"host {failing} failed: connection failed"


async def test_check_list_puts_the_failure_first(monit: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(monit, "monit"), "services")
    rows = result.data.rows
    assert (rows[0].title, rows[0].status, rows[0].level) == (
        monit.extra["failing_check"],
        "failed",
        Severity.CRITICAL,
    )
    assert {r.title for r in rows[1:]} == set(monit.extra["passing_checks"])
    assert all(r.status == "ok" and r.level is Severity.OK for r in rows[1:])
    assert rows[0].detail == "host · connection failed"
    kinds = {r.title: r.detail for r in rows}
    assert kinds["launcher-host"] == "system" and kinds["rootfs"] == "filesystem"
    assert kinds["passwd"] == "file" and kinds["self-http"] == "host"
