"""``glances`` against real Glances 3.3 (Debian, API v3) and Glances 4.5 (PyPI, API v4).

Every test runs once per server; pytest runs all tests of one server before starting the other,
so only one Glances is up at a time. Run as root:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/glances -q'``
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from integrations.errors import AuthError
from integrations.models import FetchResult
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import RunningService, start_service
from tests.support.timeouts import REQUEST_TIMEOUT

pytestmark = [pytest.mark.live("glances"), pytest.mark.live("glances4")]


@pytest.fixture(scope="module", params=["glances", "glances4"])
def glances(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningService]:
    """A running Glances 3 or 4 (see tests/live/services/glances*.py)."""
    svc = start_service(request.param, tmp_path_factory.mktemp(f"live-{request.param}"))
    try:
        yield svc
    finally:
        svc.stop()


def target(svc: RunningService, **overrides: Any) -> Target:
    config = {"version": svc.extra["api_version"], **svc.credentials, **overrides}
    return Target("g", "Glances", svc.url, "glances", config=config, timeout=REQUEST_TIMEOUT)


async def fetch(rt: Runtime, svc: RunningService, endpoint: str) -> FetchResult:
    return (await rt.fetch(target(svc), endpoint, force=True)).value


async def test_connection_good_and_bad_password(glances: RunningService, runtime: Runtime) -> None:
    version = glances.extra["api_version"]
    good = await runtime.test_connection(target(glances))
    assert good.ok, good.error
    assert good.summary.startswith(f"Glances API v{version} on {socket.gethostname()}")
    bad = await runtime.test_connection(target(glances, password="wrong"))
    assert isinstance(bad.error, AuthError)
    none = await runtime.test_connection(target(glances, password=""))
    assert isinstance(none.error, AuthError)


async def test_wrong_version_is_detected(glances: RunningService, runtime: Runtime) -> None:
    version = glances.extra["api_version"]
    wrong = target(glances, version=7 - version)
    outcome = await runtime.test_connection(wrong)
    assert outcome.ok, outcome.error
    assert f"set version to {version}" in outcome.summary
    gauge = (await runtime.fetch(wrong, "cpu", force=True)).value.data
    assert 0.0 <= gauge.value <= 100.0


async def test_cpu_and_memory(glances: RunningService, runtime: Runtime) -> None:
    cpu = (await fetch(runtime, glances, "cpu")).data
    assert 0.0 <= cpu.value <= 100.0
    assert cpu.label == f"CPU ({os.cpu_count()} cores)"
    memory = (await fetch(runtime, glances, "memory")).data
    assert 0.0 < memory.value < 100.0
    assert memory.label.startswith("Memory ") and "GiB" in memory.label


async def test_load_history_grows(glances: RunningService, runtime: Runtime) -> None:
    first = (await fetch(runtime, glances, "load")).data
    second = (await fetch(runtime, glances, "load")).data
    assert [s.name for s in second.series] == ["1 min", "5 min", "15 min"]
    assert len(second.series[0].points) == len(first.series[0].points) + 1
    assert all(p.v >= 0 for s in second.series for p in s.points)


async def test_fs_lists_mounts(glances: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, glances, "fs")
    items = result.data.items
    assert items, "glances reports at least one file system"
    assert all(0.0 <= i.percent <= 100.0 and " of " in i.detail for i in items)
    assert {a.key for a in result.alerts} <= {f"fs:{i.label}" for i in items}


async def test_top_processes(glances: RunningService, runtime: Runtime) -> None:
    data = (await fetch(runtime, glances, "processes")).data
    assert 1 <= len(data.rows) <= 5 and data.total >= len(data.rows)
    cpu = [float(r.status.rstrip("%")) for r in data.rows]
    assert cpu == sorted(cpu, reverse=True)
    assert all(r.detail.startswith("pid ") for r in data.rows)


async def test_info(glances: RunningService, runtime: Runtime) -> None:
    stats = {s.label: s.value for s in (await fetch(runtime, glances, "info")).data.stats}
    assert stats["Host"] == socket.gethostname()
    assert stats["OS"] and ":" in str(stats["Uptime"])
