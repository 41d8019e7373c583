"""HAProxy against the real daemon: one backend server UP, one deliberately DOWN."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("haproxy")
haproxy = service_fixture("haproxy")


async def test_connection_good_and_refused(haproxy: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(haproxy, "haproxy"))
    assert outcome.ok and outcome.summary == "HAProxy: 1 backends", outcome.error
    refused = await runtime.test_connection(app(haproxy, "haproxy", password="not-it"))
    assert isinstance(refused.error, AuthError)


async def test_down_server_is_a_critical_alert(haproxy: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(haproxy, "haproxy"), "summary")
    got = stats(result)
    assert (got["Servers up"], got["Servers down"], got["Backends down"]) == (1, 1, 0)
    # our own stats request, plus a health check of `up` (it points at the stats frontend) when
    # one happens to be connected at that moment
    assert got["Sessions"] in (1, 2)
    backend, down = haproxy.extra["backend"], haproxy.extra["down_server"]
    assert [(a.severity, a.key, a.message) for a in result.alerts] == [
        (Severity.CRITICAL, f"server:{backend}/{down}", f"{backend}/{down} is DOWN")
    ]


async def test_server_list(haproxy: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(haproxy, "haproxy"), "servers")
    backend, up, down = (haproxy.extra[k] for k in ("backend", "up_server", "down_server"))
    rows = [(r.title, r.status, r.level) for r in result.data.rows]
    assert rows == [
        (f"{backend}/{down}", "DOWN", Severity.CRITICAL),
        (f"{backend}/{up}", "UP", Severity.OK),
    ]
    detail = result.data.rows[0].detail
    assert detail.startswith("L4CON") and "0 sessions" in detail
    assert len(result.alerts) == 1
