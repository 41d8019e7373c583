"""``caddy`` against a real Caddy 2.6: admin API plus a reverse proxy with one dead upstream.

The dead upstream has a few passive-check failures when the harness is ready (``max_fails`` is
5): first it is "failing" (warning); more requests through the proxy make it "unhealthy".
Run as root: ``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/caddy -q'``
"""

from __future__ import annotations

import pytest

from integrations.errors import BadResponseError, BadStatusError, UnreachableError
from integrations.models import FetchResult, Severity
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import RunningService, http_client, service_fixture
from tests.support.timeouts import REQUEST_TIMEOUT

pytestmark = pytest.mark.live("caddy")
caddy = service_fixture("caddy")


def target(svc: RunningService, api_url: str | None = None) -> Target:
    # as an app would be set up: the site as the app URL, the admin endpoint as api_url
    config = {"api_url": api_url or svc.url}
    return Target(
        "c", "Caddy", svc.extra["proxy_url"], "caddy", config=config, timeout=REQUEST_TIMEOUT
    )


async def fetch(rt: Runtime, svc: RunningService, endpoint: str) -> FetchResult:
    return (await rt.fetch(target(svc), endpoint, force=True)).value


async def test_connection(caddy: RunningService, runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target(caddy))
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith("Caddy admin API: 2 upstreams")
    closed = await runtime.test_connection(target(caddy, dead_url))
    assert isinstance(closed.error, UnreachableError)


async def test_site_instead_of_admin_api(caddy: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(caddy, caddy.extra["proxy_url"]))
    assert isinstance(outcome.error, BadResponseError | BadStatusError)
    assert "caddy" in outcome.error.message


async def test_down_upstream_fails_then_turns_unhealthy(
    caddy: RunningService, runtime: Runtime
) -> None:
    up, down = caddy.extra["upstream_up"], caddy.extra["upstream_down"]
    rows = {r.title: r for r in (await fetch(runtime, caddy, "upstreams")).data.rows}
    assert set(rows) == {up, down}
    assert rows[up].level is Severity.OK and rows[up].status == "healthy"
    assert rows[down].level in (Severity.WARNING, Severity.CRITICAL)
    assert "(unhealthy at 5)" in rows[down].detail

    with http_client() as client:  # every other request goes to the dead upstream
        for _ in range(12):
            client.get(caddy.extra["proxy_url"] + "/")

    result = await fetch(runtime, caddy, "upstream_alerts")
    assert [(a.key, a.severity) for a in result.alerts] == [(f"upstream:{down}", Severity.CRITICAL)]
    assert "unhealthy" in result.alerts[0].message and result.alerts[0].source == "Caddy"
    stats = {s.label: s for s in (await fetch(runtime, caddy, "requests")).data.stats}
    assert stats["Upstreams"].value == 2 and stats["Upstreams"].level is Severity.CRITICAL
    assert stats["Failed"].value >= 5 and stats["Requests"].value >= 0
