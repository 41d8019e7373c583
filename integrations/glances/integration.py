"""Glances: CPU, memory, load, disks, top processes and host info from its REST API.

Glances 3 serves ``/api/3/<plugin>`` and Glances 4 ``/api/4/<plugin>``; a server answers only
its own generation. The configured ``version`` is tried first and, when that path is missing,
the other one: the version that answered is remembered for the app (``ctx.state``), so a wrong
or default setting still works and ``test_connection`` says which one to set.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.concurrency import all_of
from integrations.errors import BadStatusError
from integrations.format import format_bytes, threshold_level
from integrations.glances.api import (
    Cpu,
    FileSystems,
    Load,
    Mem,
    Processes,
    System,
    Uptime,
)
from integrations.glances.homepage import HOMEPAGE
from integrations.models import (
    Alert,
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
    Severity,
    Stat,
    StatData,
)

M = TypeVar("M", bound=BaseModel)

ID = "glances"
VERSIONS: tuple[int, ...] = (3, 4)
LOAD_HISTORY = 60  # samples of load kept per app for the chart
TOP_PROCESSES = 5
# Glances' own default alert levels for CPU, memory and file systems
WARNING_PERCENT = 70.0
CRITICAL_PERCENT = 90.0
FS_WARNING_PERCENT = 80.0


class GlancesConfig(HttpConfig):
    """The app URL is the Glances web server (``glances -w``, port 61208 by default)."""

    version: Literal[3, 4] = Field(
        default=4,
        title="API version",
        description="Glances 4 serves /api/4, Glances 3 /api/3. The other one is tried "
        "automatically when this one is missing.",
    )
    username: str = Field(
        default="glances",
        title="User name",
        description="For a server started with --password (user 'glances' unless -u was given).",
    )
    password: SecretStr | None = Field(
        default=None,
        title="Password",
        description="Only if Glances was started with --password; empty for an open server.",
    )


def _auth(ctx: Context) -> tuple[str, str] | None:
    password = ctx.secret("password")
    return (ctx.config.username or "glances", password) if password else None


def api_version(ctx: Context) -> int:
    """The API generation in use for this app: detected, else configured."""
    return int(ctx.state.get("api_version", ctx.config.version))


async def _get(ctx: Context, plugin: str) -> Any:
    """GET ``/api/<version>/<plugin>`` as JSON, switching generation when the path is missing."""
    version = api_version(ctx)
    for candidate in (version, *(v for v in VERSIONS if v != version)):
        path = f"/api/{candidate}/{plugin}"
        response = await ctx.http.request("GET", path, auth=_auth(ctx), ok_statuses=(404,))
        if response.status_code != 404:
            ctx.state["api_version"] = candidate
            return response.json(f"Glances {plugin} ({path})")
    raise BadStatusError(
        f"Glances: {ctx.base_url}/api/{version}/{plugin} not found (HTTP 404), nor under any "
        f"other API version",
        status_code=404,
        hint=f"Check the URL points at 'glances -w' and that the {plugin} plugin is enabled.",
        integration=ID,
    )


async def _read(ctx: Context, plugin: str, model: type[M]) -> M:
    data = await _get(ctx, plugin)
    return parse_model(model, data, integration=ID, what=f"the {plugin} plugin")


class Glances(Integration):
    id = ID
    name = "Glances"
    icon = "👁"
    category = "Monitoring"
    description = "Host metrics from a Glances 3 or 4 web server."
    homepage = HOMEPAGE
    docs_url = "https://glances.readthedocs.io/en/latest/api.html"
    config_model = GlancesConfig
    endpoints = (
        Endpoint("cpu", "CPU", RendererKind.GAUGE, ttl=5, refresh=5,
                 description="Total CPU usage."),
        Endpoint("memory", "Memory", RendererKind.GAUGE, ttl=10, refresh=10,
                 description="Memory in use."),
        Endpoint("load", "Load", RendererKind.CHART, ttl=10, refresh=10,
                 description="1, 5 and 15 minute load averages over time."),
        Endpoint("fs", "Disks", RendererKind.PROGRESS, ttl=60, refresh=60,
                 description="Use of each mounted file system; alerts when nearly full."),
        Endpoint("processes", "Top processes", RendererKind.LIST, ttl=10, refresh=10,
                 description=f"The {TOP_PROCESSES} processes using the most CPU."),
        Endpoint("info", "Host", RendererKind.STAT, ttl=60, refresh=60,
                 description="Host name, operating system and uptime."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        configured = ctx.config.version
        ctx.state.pop("api_version", None)  # detect afresh
        system = await _read(ctx, "system", System)
        found = api_version(ctx)
        summary = f"Glances API v{found} on {system.hostname}"
        if system.hr_name:
            summary += f" ({system.hr_name})"
        if found != configured:
            summary += f"; detected API v{found}, set version to {found}"
        return summary

    async def fetch_cpu(self, ctx: Context, options: None) -> GaugeData:
        cpu = await _read(ctx, "cpu", Cpu)
        cores = f" ({cpu.cpucore} cores)" if cpu.cpucore else ""
        return GaugeData(
            label=f"CPU{cores}",
            value=cpu.total,
            warning=WARNING_PERCENT,
            critical=CRITICAL_PERCENT,
        )

    async def fetch_memory(self, ctx: Context, options: None) -> GaugeData:
        mem = await _read(ctx, "mem", Mem)
        return GaugeData(
            label=f"Memory {format_bytes(mem.used)} / {format_bytes(mem.total)}",
            value=mem.percent,
            warning=WARNING_PERCENT,
            critical=CRITICAL_PERCENT,
        )

    async def fetch_load(self, ctx: Context, options: None) -> ChartData:
        load = await _read(ctx, "load", Load)
        history: deque[tuple[float, Load]] = ctx.memo(
            "load_history", lambda: deque(maxlen=LOAD_HISTORY)
        )
        history.append((time.time(), load))
        series = [
            Series(
                name=name, points=[Point(t=t, v=getattr(sample, field)) for t, sample in history]
            )
            for name, field in (("1 min", "min1"), ("5 min", "min5"), ("15 min", "min15"))
        ]
        return ChartData(series=series, y_min=0.0)

    async def fetch_fs(self, ctx: Context, options: None) -> FetchResult:
        filesystems = (await _read(ctx, "fs", FileSystems)).root
        items, alerts = [], []
        for fs in sorted(filesystems, key=lambda f: f.mnt_point):
            level = threshold_level(fs.percent, FS_WARNING_PERCENT, CRITICAL_PERCENT)
            items.append(
                ProgressItem(
                    label=fs.mnt_point,
                    percent=min(100.0, max(0.0, fs.percent)),
                    detail=f"{format_bytes(fs.used)} of {format_bytes(fs.size)} {fs.fs_type}".strip(),
                    level=level,
                )
            )
            if level is not Severity.OK:
                alerts.append(
                    Alert(
                        severity=level,
                        message=f"{fs.mnt_point} is {fs.percent:.0f}% full",
                        key=f"fs:{fs.mnt_point}",
                    )
                )
        return FetchResult(
            data=ProgressData(items=items, empty_text="No file systems"), alerts=alerts
        )

    async def fetch_processes(self, ctx: Context, options: None) -> ListData:
        processes = (await _read(ctx, "processlist", Processes)).root
        top = sorted(processes, key=lambda p: p.cpu_percent or 0.0, reverse=True)[:TOP_PROCESSES]
        rows = [
            ListRow(
                title=p.name or str(p.pid),
                detail=" · ".join(
                    part
                    for part in (
                        f"pid {p.pid}",
                        p.username or "",
                        f"mem {p.memory_percent or 0:.1f}%",
                    )
                    if part
                ),
                status=f"{p.cpu_percent or 0:.1f}%",
                level=threshold_level(p.cpu_percent or 0.0, WARNING_PERCENT, CRITICAL_PERCENT),
            )
            for p in top
        ]
        return ListData(rows=rows, total=len(processes), empty_text="No processes")

    async def fetch_info(self, ctx: Context, options: None) -> StatData:
        system, uptime = await all_of(_read(ctx, "system", System), _read(ctx, "uptime", Uptime))
        return StatData(
            stats=[
                Stat(label="Host", value=system.hostname),
                Stat(label="OS", value=system.hr_name or system.os_name),
                Stat(label="Uptime", value=uptime.root),
            ]
        )


INTEGRATION = Glances()
