"""OctoPrint: its REST API with the ``X-Api-Key`` header (a user's application key or the
global API key).

``/api/printer`` answers **409** while no printer is connected (OctoPrint is up, the serial port
is not): that is a normal state of a 3D printer that is switched off, so it becomes a "Not
connected" value rather than an error. Temperatures are per heater (``tool0``, ``bed``...);
the job comes from ``/api/job`` with OctoPrint's own estimate of the time left.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.format import format_duration
from integrations.models import (
    GaugeData,
    ProgressData,
    ProgressItem,
    RendererKind,
    Severity,
    Stat,
    StatData,
)
from integrations.octoprint.api import Heater, Job, Printer, Version

ID = "octoprint"
NOT_CONNECTED = "Not connected"
TOOL_MAX, BED_MAX = 300.0, 120.0  # gauge ranges in °C (hotends rarely exceed 300, beds 120)


class OctoPrintConfig(HttpConfig):
    api_key: SecretStr = Field(
        title="API key",
        description="An application key of your user (User settings → Application keys) or "
        "the global API key (Settings → API).",
    )


async def _printer(ctx: Context) -> Printer | None:
    """The printer's state, or ``None`` when no printer is connected (HTTP 409)."""
    response = await ctx.http.request(
        "GET", "/api/printer", headers={"X-Api-Key": ctx.secret("api_key")}, ok_statuses=(409,)
    )
    if response.status_code == 409:
        return None
    return parse_model(Printer, response.json("printer state"), integration=ID, what="/api/printer")


def _state_level(text: str) -> Severity:
    lowered = text.lower()
    if "error" in lowered:
        return Severity.CRITICAL
    if lowered.startswith(("paus", "cancel", "offline")):
        return Severity.WARNING
    return Severity.OK


def _temperature(heater: Heater | None) -> str | None:
    if heater is None or heater.actual is None:
        return None
    if heater.target:
        return f"{heater.actual:.1f} / {heater.target:.0f}"
    return f"{heater.actual:.1f}"


def _heater_gauge(printer: Printer | None, name: str, label: str, top: float) -> GaugeData:
    heater = printer.temperature.get(name) if printer else None
    if heater is None or heater.actual is None:
        why = NOT_CONNECTED.lower() if printer is None else "no sensor"
        return GaugeData(label=f"{label} ({why})", value=0.0, max=top, unit="°C")
    target = heater.target or None
    shown = f"{label} → {target:.0f} °C" if target else f"{label} (off)"
    return GaugeData(label=shown, value=heater.actual, max=max(top, heater.actual), unit="°C")


class OctoPrint(Integration):
    id = ID
    name = "OctoPrint"
    icon = "🖨"
    category = "Devices"
    description = "3D printer state, hotend and bed temperatures, print job progress."
    docs_url = "https://docs.octoprint.org/en/master/api/"
    config_model = OctoPrintConfig
    endpoints = (
        Endpoint("printer", "Printer", RendererKind.STAT, ttl=10, refresh=10,
                 description="State, hotend and bed temperature (actual / target °C)."),
        Endpoint("tool_temp", "Hotend temperature", RendererKind.GAUGE, ttl=10, refresh=10,
                 description="Hotend (tool0) temperature against its range."),
        Endpoint("bed_temp", "Bed temperature", RendererKind.GAUGE, ttl=10, refresh=10,
                 description="Heated bed temperature against its range."),
        Endpoint("job", "Print job", RendererKind.PROGRESS, ttl=10, refresh=10,
                 description="The current print: file, percent done, time left."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        body = await ctx.http.get_json(
            "/api/version", headers={"X-Api-Key": ctx.secret("api_key")}, what="the version"
        )
        version = parse_model(Version, body, integration=ID, what="/api/version")
        return f"OctoPrint {version.server} (API {version.api})"

    async def fetch_printer(self, ctx: Context, options: None) -> StatData:
        printer = await _printer(ctx)
        if printer is None:
            return StatData(
                stats=[Stat(label="State", value=NOT_CONNECTED, level=Severity.WARNING)]
            )
        state = printer.state.text
        stats = [Stat(label="State", value=state, level=_state_level(state))]
        for name, label in (("tool0", "Hotend"), ("bed", "Bed")):
            shown = _temperature(printer.temperature.get(name))
            if shown is not None:
                stats.append(Stat(label=label, value=shown, unit="°C"))
        return StatData(stats=stats)

    async def fetch_tool_temp(self, ctx: Context, options: None) -> GaugeData:
        return _heater_gauge(await _printer(ctx), "tool0", "Hotend", TOOL_MAX)

    async def fetch_bed_temp(self, ctx: Context, options: None) -> GaugeData:
        return _heater_gauge(await _printer(ctx), "bed", "Bed", BED_MAX)

    async def fetch_job(self, ctx: Context, options: None) -> ProgressData:
        body = await ctx.http.get_json(
            "/api/job", headers={"X-Api-Key": ctx.secret("api_key")}, what="the job"
        )
        job = parse_model(Job, body, integration=ID, what="/api/job")
        completion = job.progress.completion
        name = job.job.file.display or job.job.file.name
        if completion is None or not name:
            text = "Printer offline" if job.state.lower().startswith("offline") else "No print job"
            return ProgressData(items=[], empty_text=f"{text} ({job.state})")
        elapsed = job.progress.print_time
        detail = job.state + (f" · {format_duration(elapsed)} elapsed" if elapsed else "")
        left = job.progress.print_time_left
        return ProgressData(
            items=[
                ProgressItem(
                    label=name,
                    percent=min(100.0, max(0.0, completion)),
                    eta_seconds=left if left is not None and left >= 0 else None,
                    detail=detail,
                    level=_state_level(job.state),
                )
            ]
        )


INTEGRATION = OctoPrint()
