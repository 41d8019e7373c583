"""The system integration against the real machine, driven through the runtime like the app."""

from __future__ import annotations

import os
import time

import psutil
import pytest

from integrations.errors import ConfigError
from integrations.models import Severity
from integrations.system.integration import PROCESS_BASELINE
from launcher_tui.runtime import Runtime, Target


def target(**config: object) -> Target:
    return Target(app_id="box", app_name="This box", url="", integration_id="system", config=config)


async def test_connection_summarises_the_machine(runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target())
    assert outcome.ok, outcome.error
    assert f"{psutil.cpu_count()} CPUs" in outcome.summary
    assert "RAM" in outcome.summary


async def test_cpu_and_memory_gauges_are_in_range(runtime: Runtime) -> None:
    cpu = (await runtime.fetch(target(), "cpu")).value.data
    assert 0.0 <= cpu.value <= 100.0
    assert (cpu.warning, cpu.critical) == (80, 95)
    memory = (
        await runtime.fetch(target(memory_warning=1, memory_critical=99), "memory")
    ).value.data
    assert 0.0 < memory.value < 100.0
    assert memory.value == pytest.approx(psutil.virtual_memory().percent, abs=5)
    assert memory.level in (Severity.WARNING, Severity.CRITICAL)  # 1 % warning: always reached


async def test_cpu_sees_a_busy_process(runtime: Runtime) -> None:
    await runtime.fetch(target(), "cpu")  # baseline
    deadline = time.perf_counter() + 0.4
    while time.perf_counter() < deadline:  # keep one core busy between the two samples
        pass
    busy = (await runtime.fetch(target(), "cpu", force=True)).value.data
    assert busy.value > 100 / (psutil.cpu_count() or 1) / 4  # at least part of a core


async def test_load_chart_accumulates_history(runtime: Runtime) -> None:
    first = (await runtime.fetch(target(), "load")).value.data
    assert [s.name for s in first.series] == ["1 min", "5 min", "15 min"]
    assert first.series[0].points[0].v == pytest.approx(os.getloadavg()[0], abs=2)
    second = (await runtime.fetch(target(), "load", force=True)).value.data
    assert [len(s.points) for s in second.series] == [2, 2, 2]
    assert second.series[0].points[0].t <= second.series[0].points[1].t


async def test_disks_show_the_root_mount_once(runtime: Runtime) -> None:
    data = (await runtime.fetch(target(), "disks")).value.data
    labels = [item.label for item in data.items]
    assert "/" in labels
    assert len(labels) == len(set(labels))
    assert not any(label.startswith(("/proc", "/sys", "/dev")) for label in labels)
    root = data.items[labels.index("/")]
    assert root.percent == pytest.approx(psutil.disk_usage("/").percent, abs=2)
    assert "free of" in root.detail


async def test_disk_alerts_use_configured_thresholds(runtime: Runtime) -> None:
    root_percent = psutil.disk_usage("/").percent
    quiet = (await runtime.fetch(target(), "disk_alerts")).value
    assert all(a.key != "disk:/" for a in quiet.alerts) or root_percent >= 90
    # thresholds below the real usage: "/" must raise a critical alert with the app as source
    loud = target(disk_warning=0, disk_critical=0)
    entry = await runtime.fetch(loud, "disk_alerts")
    root_alerts = [a for a in entry.value.alerts if a.key == "disk:/"]
    assert [a.severity for a in root_alerts] == [Severity.CRITICAL]
    assert root_alerts[0].source == "This box"
    assert entry.value.data.alerts == entry.value.alerts


async def test_top_processes_include_a_busy_test_process(runtime: Runtime) -> None:
    """This process burns CPU between two samples and shows up with the share it really got.

    The share is compared with what the test measured itself (CPU seconds over wall seconds),
    not with a fixed figure: on a loaded machine a busy loop gets far less than a core. The
    burn starts after the first fetch stored its sample and lasts at least
    ``PROCESS_BASELINE`` wall seconds, so the second fetch compares with that sample instead
    of taking a fresh (idle) baseline of its own.
    """
    options = {"count": 50}  # a loaded machine has many busy processes: list them all
    await runtime.fetch(target(), "processes", options)  # the sample the next fetch compares with
    cpu0, wall0 = time.process_time(), time.monotonic()
    while time.process_time() - cpu0 < 0.3 or time.monotonic() - wall0 < PROCESS_BASELINE:
        pass  # burn CPU time, however long that takes
    data = (await runtime.fetch(target(), "processes", options, force=True)).value.data
    measured = 100 * (time.process_time() - cpu0) / (time.monotonic() - wall0)
    assert len(data.rows) == 50 or len(data.rows) == data.total
    assert data.total is not None and data.total >= len(data.rows)
    mine = [row for row in data.rows if row.detail.startswith(f"pid {os.getpid()}")]
    assert mine, [r.detail for r in data.rows]
    cpu = float(mine[0].status.split(" % CPU")[0])
    assert cpu >= measured / 2, (cpu, measured)


async def test_process_count_option_is_validated(runtime: Runtime) -> None:
    data = (await runtime.fetch(target(), "processes")).value.data
    assert len(data.rows) == 5  # the default
    with pytest.raises(ConfigError, match="count"):
        await runtime.fetch(target(), "processes", {"count": 0})


async def test_uptime_stats(runtime: Runtime) -> None:
    stats = {s.label: s.value for s in (await runtime.fetch(target(), "uptime")).value.data.stats}
    assert set(stats) == {"Uptime", "Booted", "Processes"}
    assert isinstance(stats["Processes"], int) and stats["Processes"] > 1
    assert isinstance(stats["Uptime"], str) and stats["Uptime"][-1] in "smhd"


async def test_inverted_thresholds_are_a_config_error(runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(disk_warning=99, disk_critical=50))
    assert not outcome.ok
    assert isinstance(outcome.error, ConfigError)
    assert "disk_warning" in outcome.error.message
