"""Netdata: alarm counts, raised alarms as alerts, and any chart's recent history.

Netdata's agent API needs no credentials (it is usually bound to the LAN or put behind a
proxy). ``/api/v1/info`` carries the alarm counts Homepage shows; ``/api/v1/alarms`` lists the
raised ones; ``/api/v1/data`` gives the last ten minutes of a chart. Which chart and dimension a
widget draws are widget options, so one Netdata app can feed CPU, RAM and network widgets.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from integrations.base import (
    Context,
    Endpoint,
    EndpointOptions,
    HttpConfig,
    Integration,
    parse_model,
)
from integrations.client import describe_body
from integrations.errors import ConfigError
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    FetchResult,
    Point,
    RendererKind,
    Series,
    Severity,
    Stat,
    StatData,
)

ID = "netdata"
WINDOW_SECONDS = 600
POINTS = 60
_SEVERITY = {"WARNING": Severity.WARNING, "CRITICAL": Severity.CRITICAL}


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class AlarmCounts(_Loose):
    normal: int = 0
    warning: int
    critical: int


class Info(_Loose):
    version: str
    alarms: AlarmCounts
    mirrored_hosts: list[str] = []


class Alarm(_Loose):
    name: str
    chart: str = ""
    status: str
    info: str = ""
    value_string: str = ""


class Alarms(_Loose):
    hostname: str = ""
    alarms: dict[str, Alarm]


class DataTable(_Loose):
    """``format=json``: column labels (``time`` first) and rows, newest first."""

    labels: list[str] = Field(min_length=1)
    data: list[list[float | None]]


class NetdataConfig(HttpConfig):
    """The app URL is the Netdata agent (port 19999 by default); no credentials."""


class ChartOptions(EndpointOptions):
    chart: str = Field(
        default="system.cpu",
        min_length=1,
        title="Chart",
        description="Chart id as shown in the dashboard, e.g. system.cpu, system.ram, system.load.",
    )
    dimension: str = Field(
        default="",
        title="Dimension",
        description="One dimension of the chart (e.g. user, load1); empty draws all of them.",
    )
    unit: str = Field(default="", title="Unit", description="Shown on the axis, e.g. % or MiB.")


async def _read(ctx: Context, path: str, model: type[Any], what: str) -> Any:
    data = await ctx.http.get_json(path, what=what)
    return parse_model(model, data, integration=ID, what=what)


def chart_series(table: DataTable, dimension: str, chart: str) -> list[Series]:
    """One series per wanted column, oldest point first, gaps (nulls) left out."""
    columns = table.labels[1:]
    wanted = [dimension] if dimension else columns
    missing = [d for d in wanted if d not in columns]
    if missing:
        raise ConfigError(
            f"Netdata chart {chart!r} has no dimension {missing[0]!r}; "
            f"it has: {', '.join(columns) or 'none'}",
            hint="Pick one of those dimensions in the widget options (or leave it empty).",
            integration=ID,
        )
    rows = sorted((r for r in table.data if r and r[0] is not None), key=lambda r: r[0] or 0.0)
    series = []
    for name in wanted:
        index = table.labels.index(name)
        points = [
            Point(t=row[0], v=row[index])
            for row in rows
            if index < len(row) and row[index] is not None and row[0] is not None
        ]
        series.append(Series(name=name, points=points))
    return series


class Netdata(Integration):
    id = ID
    name = "Netdata"
    icon = "📈"
    category = "Monitoring"
    description = "Alarm counts, raised alarms and chart history from a Netdata agent."
    docs_url = "https://learn.netdata.cloud/docs/rest-api"
    config_model = NetdataConfig
    endpoints = (
        Endpoint("alarms", "Alarms", RendererKind.STAT, ttl=30, refresh=30,
                 description="Number of warnings and criticals raised."),
        Endpoint("alarm_alerts", "Raised alarms", RendererKind.ALERT, ttl=30, refresh=30,
                 description="Every raised alarm as a warning or critical alert."),
        Endpoint("chart", "Chart", RendererKind.CHART, ttl=10, refresh=10,
                 description="The last ten minutes of a chart (widget options: chart, dimension).",
                 options_model=ChartOptions),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        info = await _read(ctx, "/api/v1/info", Info, "agent info (/api/v1/info)")
        host = f" on {info.mirrored_hosts[0]}" if info.mirrored_hosts else ""
        return f"Netdata {info.version}{host}"

    async def fetch_alarms(self, ctx: Context, options: None) -> StatData:
        info = await _read(ctx, "/api/v1/info", Info, "agent info (/api/v1/info)")
        counts = info.alarms
        return StatData(
            stats=[
                Stat(
                    label="Warnings",
                    value=counts.warning,
                    level=Severity.WARNING if counts.warning else Severity.OK,
                ),
                Stat(
                    label="Criticals",
                    value=counts.critical,
                    level=Severity.CRITICAL if counts.critical else Severity.OK,
                ),
            ]
        )

    async def fetch_alarm_alerts(self, ctx: Context, options: None) -> FetchResult:
        raised = await _read(ctx, "/api/v1/alarms", Alarms, "raised alarms (/api/v1/alarms)")
        alerts = []
        for key, alarm in sorted(raised.alarms.items()):
            severity = _SEVERITY.get(alarm.status.upper())
            if severity is None:
                continue  # CLEAR, UNDEFINED...: nothing to act on
            value = f" = {alarm.value_string}" if alarm.value_string else ""
            detail = f": {alarm.info}" if alarm.info else ""
            alerts.append(
                Alert(
                    severity=severity,
                    message=f"{alarm.chart or key} {alarm.name}{value}{detail}",
                    key=f"alarm:{key}",
                )
            )
        alerts.sort(key=lambda a: -a.severity.rank)
        return FetchResult(data=AlertData(alerts=alerts, ok_text="No alarms raised"), alerts=alerts)

    async def fetch_chart(self, ctx: Context, options: ChartOptions) -> ChartData:
        params = {
            "chart": options.chart,
            "after": str(-WINDOW_SECONDS),
            "points": str(POINTS),
            "format": "json",
        }
        response = await ctx.http.request(
            "GET", "/api/v1/data", params=params, ok_statuses=(400, 404)
        )
        if response.status_code in (400, 404):
            detail = describe_body(response.content, response.headers.get("content-type", ""))
            raise ConfigError(
                f"Netdata has no chart {options.chart!r} (HTTP {response.status_code}: {detail})",
                hint="Use a chart id from the Netdata dashboard, e.g. system.cpu or system.ram.",
                integration=ID,
            )
        what = f"chart {options.chart} (/api/v1/data)"
        data = response.json(what)
        if isinstance(data, dict) and isinstance(data.get("result"), dict):
            data = data["result"]  # the same table wrapped by options=jsonwrap
        table = parse_model(DataTable, data, integration=ID, what=what)
        return ChartData(
            series=chart_series(table, options.dimension, options.chart), unit=options.unit
        )


INTEGRATION = Netdata()
