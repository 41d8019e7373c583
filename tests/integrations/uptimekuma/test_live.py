"""Uptime Kuma against the real thing (npm 2.0.0-dev.0) with one UP and one DOWN monitor."""

from __future__ import annotations

from typing import Any

import pytest

from integrations.errors import AuthError, ConfigError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("uptimekuma")
uptimekuma = service_fixture("uptimekuma")


def target(svc: RunningService, **config: Any) -> Target:
    config = {"slug": svc.extra["status_page_slug"], **config}
    return Target("k", "Kuma", svc.url, "uptimekuma", config=config, timeout=10)


async def test_connection_good_and_bad_key(uptimekuma: RunningService, runtime: Runtime) -> None:
    title = uptimekuma.extra["status_page_title"]
    plain = await runtime.test_connection(target(uptimekuma))
    assert plain.ok, plain.error
    assert plain.summary == f"Uptime Kuma status page '{title}' (2 monitors)"
    keyed = await runtime.test_connection(
        target(uptimekuma, api_key=uptimekuma.credentials["api_key"])
    )
    assert keyed.ok, keyed.error
    assert keyed.summary.startswith("Uptime Kuma 2.0.0")
    bad = await runtime.test_connection(target(uptimekuma, api_key="uk1_not-a-key"))
    assert isinstance(bad.error, AuthError)


async def test_unknown_slug(uptimekuma: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(uptimekuma, slug="no-such-page"))
    assert isinstance(outcome.error, ConfigError)


async def test_monitors(uptimekuma: RunningService, runtime: Runtime) -> None:
    tgt = target(uptimekuma)
    stats = {s.label: s.value for s in (await fetch(runtime, tgt, "monitors")).data.stats}
    assert (stats["Up"], stats["Down"]) == (1, 1)
    rows = {r.title: r for r in (await fetch(runtime, tgt, "monitor_list")).data.rows}
    assert rows[uptimekuma.extra["up_monitor"]].status == "up"
    assert rows[uptimekuma.extra["down_monitor"]].status == "down"
    assert rows[uptimekuma.extra["down_monitor"]].level is Severity.CRITICAL


async def test_down_monitor_raises_a_critical_alert(
    uptimekuma: RunningService, runtime: Runtime
) -> None:
    result = await fetch(runtime, target(uptimekuma), "alerts")
    down_id = uptimekuma.extra["down_monitor_id"]
    assert [(a.key, a.severity) for a in result.alerts] == [
        (f"monitor:{down_id}", Severity.CRITICAL)
    ]
    assert uptimekuma.extra["down_monitor"] in result.alerts[0].message
