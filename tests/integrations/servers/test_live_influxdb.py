"""InfluxDB 1.x against the real daemon (auth enabled, one database with points)."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("influxdb")
influxdb = service_fixture("influxdb")


async def test_connection_good_and_refused(influxdb: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(influxdb, "influxdb"))
    assert outcome.ok and outcome.summary.startswith("InfluxDB 1."), outcome.error
    assert outcome.summary.endswith("(1 databases)")
    refused = await runtime.test_connection(app(influxdb, "influxdb", password="wrong"))
    assert isinstance(refused.error, AuthError)
    anonymous = await runtime.test_connection(app(influxdb, "influxdb", username=""))
    assert isinstance(anonymous.error, AuthError)


async def test_status_and_databases(influxdb: RunningService, runtime: Runtime) -> None:
    status = stats(await fetch(runtime, app(influxdb, "influxdb"), "status"))
    assert str(status["Version"]).startswith("1.") and status["Databases"] == 1
    rows = (await fetch(runtime, app(influxdb, "influxdb"), "databases")).data.rows
    assert [r.title for r in rows] == [influxdb.extra["database"]]  # _internal is hidden
