"""The `system` integration: the machine launcher-tui runs on, read locally through psutil.

It needs no URL and no credentials, which makes it the first-run board's data source. CPU and
per-process CPU are computed from our own samples kept in ``ctx.state`` (psutil's
``cpu_percent(None)`` keeps one module-global baseline, shared by every caller, and answers 0.0
on first use); the first fetch takes a short baseline instead.
"""

from __future__ import annotations

import asyncio
import platform
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import Any, Self, TypeVar

from pydantic import Field, model_validator

from integrations.base import Context, Endpoint, EndpointOptions, Integration, IntegrationConfig
from integrations.errors import TimeoutError_
from integrations.format import format_bytes, format_duration, threshold_level
from integrations.models import (
    AlertData,
    ChartData,
    FetchResult,
    GaugeData,
    ListData,
    ListRow,
    Point,
    ProgressData,
    ProgressItem,
    RendererKind,
    Series,
    Stat,
    StatData,
)
from integrations.system import metrics

T = TypeVar("T")

#: Wall seconds of the baseline taken when there is no earlier sample to compare with.
CPU_BASELINE = 0.25
PROCESS_BASELINE = 0.5
#: Samples kept for the load chart (one per fetch: 2 h at the 60 s default refresh).
LOAD_HISTORY = 120
#: A hung network mount must not stall a fetch forever.
PROBE_TIMEOUT = 5.0


def _percent(title: str, default: float, what: str) -> Any:
    return Field(default, ge=0, le=100, title=title, description=what)


class SystemConfig(IntegrationConfig):
    """Thresholds (percent) that colour the gauges and bars and raise disk alerts."""

    cpu_warning: float = _percent("CPU warning %", 80, "The CPU gauge turns amber from here.")
    cpu_critical: float = _percent("CPU critical %", 95, "The CPU gauge turns red from here.")
    memory_warning: float = _percent("Memory warning %", 85, "The memory gauge turns amber.")
    memory_critical: float = _percent("Memory critical %", 95, "The memory gauge turns red.")
    disk_warning: float = _percent("Disk warning %", 90, "Warn when a disk is this full.")
    disk_critical: float = _percent("Disk critical %", 95, "Critical alert when this full.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        for name in ("cpu", "memory", "disk"):
            if getattr(self, f"{name}_warning") > getattr(self, f"{name}_critical"):
                raise ValueError(f"{name}_warning must not be above {name}_critical")
        return self


class ProcessOptions(EndpointOptions):
    """How many processes the list shows."""

    count: int = Field(5, ge=1, le=50, title="Processes", description="How many to list.")


class System(Integration):
    """CPU, memory, load, disks, top processes and uptime of this machine."""

    id = "system"
    name = "System"
    icon = "🖥"
    category = "System"
    description = "This machine: CPU, memory, load, disks, top processes, uptime."
    needs_url = False
    config_model = SystemConfig
    endpoints = (
        Endpoint("cpu", "CPU", RendererKind.GAUGE, ttl=4, refresh=5),
        Endpoint("memory", "Memory", RendererKind.GAUGE, ttl=4, refresh=5),
        Endpoint("load", "Load average", RendererKind.CHART, ttl=10, refresh=15),
        Endpoint("disks", "Disks", RendererKind.PROGRESS, ttl=60, refresh=60),
        Endpoint(
            "processes",
            "Top processes",
            RendererKind.LIST,
            ttl=5,
            refresh=10,
            description="Busiest processes by CPU, then memory.",
            options_model=ProcessOptions,
        ),
        Endpoint("uptime", "Uptime", RendererKind.STAT, ttl=60, refresh=60),
        Endpoint("disk_alerts", "Disk space alerts", RendererKind.ALERT, ttl=60, refresh=60),
    )

    async def test_connection(self, ctx: Context) -> str:
        from integrations.system import probe

        percent, _used, total = await _blocking(probe.memory, "memory")
        uptime = time.time() - await _blocking(probe.boot_time, "boot time")
        return (
            f"{platform.node() or 'this machine'}: {probe.cpu_count()} CPUs, "
            f"{format_bytes(total)} RAM ({percent:g} % used), "
            f"up {format_duration(uptime)}"
        )

    async def fetch_cpu(self, ctx: Context, options: None) -> GaugeData:
        from integrations.system import probe

        previous: tuple[float, dict[str, float]] | None = ctx.state.get("cpu_sample")
        if previous is None or time.monotonic() - previous[0] < CPU_BASELINE:
            previous = (time.monotonic(), await _blocking(probe.cpu_times, "CPU times"))
            await asyncio.sleep(CPU_BASELINE)
        current = (time.monotonic(), await _blocking(probe.cpu_times, "CPU times"))
        ctx.state["cpu_sample"] = current
        config: SystemConfig = ctx.config
        return GaugeData(
            label=f"CPU ({probe.cpu_count()} cores)",
            value=metrics.cpu_busy_percent(previous[1], current[1]),
            warning=config.cpu_warning,
            critical=config.cpu_critical,
        )

    async def fetch_memory(self, ctx: Context, options: None) -> GaugeData:
        from integrations.system import probe

        percent, used, total = await _blocking(probe.memory, "memory")
        config: SystemConfig = ctx.config
        return GaugeData(
            label=f"Memory ({format_bytes(used)} of {format_bytes(total)})",
            value=percent,
            warning=config.memory_warning,
            critical=config.memory_critical,
        )

    async def fetch_load(self, ctx: Context, options: None) -> ChartData:
        from integrations.system import probe

        loads = await _blocking(probe.load_average, "load average")
        history: deque[tuple[float, tuple[float, float, float]]] = ctx.memo(
            "load_history", lambda: deque(maxlen=LOAD_HISTORY)
        )
        history.append((time.time(), loads))
        series = [
            Series(name=name, points=[Point(t=t, v=values[i]) for t, values in history])
            for i, name in enumerate(("1 min", "5 min", "15 min"))
        ]
        return ChartData(series=series, y_min=0.0)

    async def fetch_disks(self, ctx: Context, options: None) -> ProgressData:
        config: SystemConfig = ctx.config
        items = [
            ProgressItem(
                label=usage.mountpoint,
                percent=min(100.0, usage.percent),
                detail=f"{format_bytes(usage.free)} free of {format_bytes(usage.total)}",
                level=threshold_level(usage.percent, config.disk_warning, config.disk_critical),
            )
            for usage in await _disk_usages()
        ]
        return ProgressData(items=items, empty_text="No disks found")

    async def fetch_disk_alerts(self, ctx: Context, options: None) -> FetchResult:
        config: SystemConfig = ctx.config
        alerts = metrics.disk_alerts(
            await _disk_usages(), config.disk_warning, config.disk_critical
        )
        return FetchResult(data=AlertData(alerts=alerts, ok_text="Disks have room"), alerts=alerts)

    async def fetch_processes(self, ctx: Context, options: ProcessOptions | None) -> ListData:
        from integrations.system import probe

        count = (options or ProcessOptions()).count
        previous: tuple[float, dict[int, metrics.ProcessSample]] | None = ctx.state.get(
            "process_sample"
        )
        if previous is None or time.monotonic() - previous[0] < PROCESS_BASELINE:
            previous = (time.monotonic(), await _blocking(probe.processes, "processes"))
            await asyncio.sleep(PROCESS_BASELINE)
        current = (time.monotonic(), await _blocking(probe.processes, "processes"))
        ctx.state["process_sample"] = current
        usages = metrics.process_usage(
            previous[1], current[1].values(), elapsed=current[0] - previous[0]
        )
        config: SystemConfig = ctx.config
        rows = [
            ListRow(
                title=proc.name,
                detail=f"pid {proc.pid}" + (f" · {proc.user}" if proc.user else ""),
                status=f"{proc.cpu_percent:g} % CPU · {proc.memory_percent:g} % mem",
                level=threshold_level(proc.cpu_percent, config.cpu_warning, config.cpu_critical),
            )
            for proc in metrics.top_processes(usages, count)
        ]
        return ListData(rows=rows, total=len(usages))

    async def fetch_uptime(self, ctx: Context, options: None) -> StatData:
        from integrations.system import probe

        booted = await _blocking(probe.boot_time, "boot time")
        return StatData(
            stats=[
                Stat(label="Uptime", value=format_duration(time.time() - booted)),
                Stat(
                    label="Booted",
                    value=datetime.fromtimestamp(booted).strftime("%Y-%m-%d %H:%M"),
                ),
                Stat(label="Processes", value=await _blocking(probe.process_count, "processes")),
            ]
        )


async def _disk_usages() -> list[metrics.DiskUsage]:
    from integrations.system import probe

    mounts = metrics.real_mounts(await _blocking(probe.mounts, "mounts"))
    return await _blocking(probe.disk_usage, "disk usage", [m.mountpoint for m in mounts])


async def _blocking(func: Callable[..., T], what: str, *args: Any) -> T:
    """Run a psutil probe in a thread so a hung mount or a slow /proc never blocks the UI."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(func, *args), PROBE_TIMEOUT)
    except TimeoutError:
        raise TimeoutError_(
            f"system: reading {what} took longer than {PROBE_TIMEOUT:g} s",
            hint="A network mount may be hung; check `df` on the machine.",
            integration="system",
        ) from None


INTEGRATION = System()

__all__ = ["INTEGRATION", "ProcessOptions", "System", "SystemConfig"]
