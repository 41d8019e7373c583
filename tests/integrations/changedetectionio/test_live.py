"""changedetection.io 0.60.10 (PyPI) with two loopback watches, one of which changed
(tests/live/services/changedetectionio.py)."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("changedetectionio")
changedetectionio = service_fixture("changedetectionio")


def target(svc: RunningService, key: str | None = None) -> Target:
    config = {"api_key": key or svc.credentials["api_key"]}
    return Target("c", "Changes", svc.url, "changedetectionio", config=config, timeout=15)


async def test_connection_good_and_bad_key(
    changedetectionio: RunningService, runtime: Runtime
) -> None:
    good = await runtime.test_connection(target(changedetectionio))
    assert good.ok, good.error
    assert good.summary == "changedetection.io 0.60.10 (2 watches)"
    bad = await runtime.test_connection(target(changedetectionio, key="0" * 32))
    assert isinstance(bad.error, AuthError)


async def test_watches(changedetectionio: RunningService, runtime: Runtime) -> None:
    tgt = target(changedetectionio)
    stats = {s.label: s.value for s in (await fetch(runtime, tgt, "watches")).data.stats}
    assert stats == {"Changes detected": 1, "Errors": 0, "Watches": 2}
    rows = {r.title: r for r in (await fetch(runtime, tgt, "watch_list")).data.rows}
    changing = rows[changedetectionio.extra["changing_title"]]
    assert changing.status == "changed" and changing.level is Severity.INFO
    assert changing.url == changedetectionio.extra["changing_url"]
    static = rows[changedetectionio.extra["static_title"]]
    assert static.status == "" and "checked" in static.detail
