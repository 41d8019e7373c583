"""Homebridge 1.11.4 + homebridge-config-ui-x 4.76.0 (npm) in service mode, offline
(tests/live/services/homebridge.py)."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("homebridge")
homebridge = service_fixture("homebridge")


def target(svc: RunningService, password: str | None = None) -> Target:
    config = {
        "username": svc.credentials["username"],
        "password": password or svc.credentials["password"],
    }
    return Target("b", "Bridge", svc.url, "homebridge", config=config, timeout=15)


async def test_connection_good_and_bad_password(
    homebridge: RunningService, runtime: Runtime
) -> None:
    good = await runtime.test_connection(target(homebridge))
    assert good.ok, good.error
    assert good.summary.startswith("Homebridge 1.11.4 (")
    bad = await runtime.test_connection(target(homebridge, password="wrong-password"))
    assert isinstance(bad.error, AuthError)


async def test_status(homebridge: RunningService, runtime: Runtime) -> None:
    stats = {s.label: s for s in (await fetch(runtime, target(homebridge), "status")).data.stats}
    assert stats["Version"].value == "1.11.4"
    assert str(stats["Node.js"].value).startswith("v20.")
    assert stats["Status"].value in ("up", "pending")


async def test_updates_offline_and_plugins(homebridge: RunningService, runtime: Runtime) -> None:
    tgt = target(homebridge)
    result = await fetch(runtime, tgt, "updates")
    # no internet in the namespace: the UI knows of no update
    assert not [a for a in result.alerts if a.key.startswith("update:")]
    assert all(a.severity is not Severity.CRITICAL for a in result.alerts)
    rows = (await fetch(runtime, tgt, "plugins")).data.rows
    assert ("Homebridge UI", "homebridge-config-ui-x 4.76.0") in [(r.title, r.detail) for r in rows]
