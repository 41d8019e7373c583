"""The ``nut`` integration: a UPS through Network UPS Tools' ``upsd``.

Reading variables is anonymous in NUT; a user name and password are only checked when given
(``LOGIN`` needs an ``upsmon`` role in ``upsd.users``). Each fetch opens one short connection:
upsd connections are cheap and a long-lived one would need keep-alive handling for nothing.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, Integration, IntegrationConfig
from integrations.errors import BadResponseError, ConfigError
from integrations.format import format_duration
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    GaugeData,
    RendererKind,
    Severity,
    Stat,
    StatData,
)
from integrations.nut.protocol import NutConnection, list_ups, list_vars, parse_address


class NutConfig(IntegrationConfig):
    ups: str = Field(
        default="",
        title="UPS name",
        description="As in ups.conf (upsc -l); empty = the first UPS upsd lists.",
        pattern=r"^[A-Za-z0-9_.:-]*$",
    )
    username: str = Field(default="", title="User name", description="Optional upsd.users user.")
    password: SecretStr | None = Field(default=None, title="Password", description="Optional.")
    low_battery_warning: int = Field(
        default=50,
        ge=0,
        le=100,
        title="Battery warning (%)",
        description="Charge at or below this is a warning.",
    )


# ups.status flags (NUT docs, "Status data") that deserve an alert, with severity and text.
STATUS_ALERTS: dict[str, tuple[Severity, str]] = {
    "OB": (Severity.WARNING, "On battery: mains power lost"),
    "LB": (Severity.CRITICAL, "Battery low: shutdown imminent"),
    "FSD": (Severity.CRITICAL, "Forced shutdown in progress"),
    "OVER": (Severity.WARNING, "UPS overloaded"),
    "RB": (Severity.WARNING, "Replace the battery"),
    "BYPASS": (Severity.WARNING, "On bypass: load is not protected"),
    "OFF": (Severity.CRITICAL, "UPS output is off"),
}
STATUS_WORDS = {
    "OL": "Online",
    "OB": "On battery",
    "LB": "Battery low",
    "CHRG": "Charging",
    "DISCHRG": "Discharging",
    "RB": "Replace battery",
    "OVER": "Overloaded",
    "BYPASS": "Bypass",
    "OFF": "Off",
    "FSD": "Forced shutdown",
    "CAL": "Calibrating",
    "TRIM": "Trimming voltage",
    "BOOST": "Boosting voltage",
}


def describe_status(status: str) -> str:
    """``OL CHRG`` → ``Online, Charging``."""
    words = [STATUS_WORDS.get(flag, flag) for flag in status.split()]
    return ", ".join(words) or "Unknown"


def status_alerts(status: str, ups: str) -> list[Alert]:
    """One alert per troubling status flag; none when the UPS is simply online."""
    alerts = []
    for flag in status.split():
        if flag in STATUS_ALERTS:
            severity, text = STATUS_ALERTS[flag]
            alerts.append(
                Alert(severity=severity, message=f"{ups}: {text}", key=f"ups:{ups}:{flag}")
            )
    return alerts


def number(values: dict[str, str], name: str) -> float | None:
    raw = values.get(name)
    if raw is None or raw == "":
        return None
    try:
        return float(raw)
    except ValueError:
        raise BadResponseError(
            f"nut: {name} is not a number ({raw!r})", integration="nut"
        ) from None


class Nut(Integration):
    id = "nut"
    name = "Network UPS Tools"
    icon = "🔋"
    category = "Power"
    description = "UPS battery, load, runtime and power status from upsd."
    docs_url = "https://networkupstools.org/docs/developer-guide.chunked/net-protocol.html"
    config_model = NutConfig
    endpoints = (
        Endpoint("battery", "Battery charge", RendererKind.GAUGE, ttl=10, refresh=15),
        Endpoint("load", "Load", RendererKind.GAUGE, ttl=10, refresh=15),
        Endpoint("runtime", "Runtime", RendererKind.STAT, ttl=10, refresh=15),
        Endpoint("status", "Power status", RendererKind.ALERT, ttl=5, refresh=10),
    )

    async def test_connection(self, ctx: Context) -> str:
        host, port = parse_address(ctx.url)
        async with await NutConnection.open(host, port, ctx.timeout) as conn:
            ups = await self._ups_name(conn, ctx.config)
            if ctx.config.username:
                await conn.expect_ok(f"USERNAME {ctx.config.username}", "the user name")
                await conn.expect_ok(f"PASSWORD {ctx.secret('password')}", "the password")
                await conn.expect_ok(f"LOGIN {ups}", f"LOGIN {ups} (needs an upsmon role)")
            values = await list_vars(conn, ups)
        model = values.get("device.model") or values.get("ups.model") or "UPS"
        return f"{ups}: {model}, {describe_status(values.get('ups.status', ''))}"

    async def _ups_name(self, conn: NutConnection, config: NutConfig) -> str:
        if config.ups:
            return config.ups
        names = await list_ups(conn)
        if not names:
            raise ConfigError(
                "nut: upsd serves no UPS", hint="Check ups.conf and the driver.", integration="nut"
            )
        return sorted(names)[0]

    async def _vars(self, ctx: Context) -> tuple[str, dict[str, str]]:
        host, port = parse_address(ctx.url)
        async with await NutConnection.open(host, port, ctx.timeout) as conn:
            ups = await self._ups_name(conn, ctx.config)
            return ups, await list_vars(conn, ups)

    async def fetch_battery(self, ctx: Context, options: object) -> FetchResult:
        ups, values = await self._vars(ctx)
        charge = number(values, "battery.charge")
        if charge is None:
            raise BadResponseError(f"nut: {ups} does not report battery.charge", integration="nut")
        low = number(values, "battery.charge.low")
        return FetchResult(
            data=GaugeData(
                label="Battery",
                value=charge,
                warning=float(ctx.config.low_battery_warning),
                critical=low if low is not None else 20.0,
                low_is_bad=True,
            )
        )

    async def fetch_load(self, ctx: Context, options: object) -> GaugeData:
        ups, values = await self._vars(ctx)
        load = number(values, "ups.load")
        if load is None:
            raise BadResponseError(f"nut: {ups} does not report ups.load", integration="nut")
        return GaugeData(label="Load", value=load, warning=80.0, critical=95.0)

    async def fetch_runtime(self, ctx: Context, options: object) -> StatData:
        _ups, values = await self._vars(ctx)
        runtime = number(values, "battery.runtime")
        low = number(values, "battery.runtime.low")
        status = values.get("ups.status", "")
        level = Severity.OK
        if runtime is not None and low is not None and runtime <= low:
            level = Severity.CRITICAL
        elif "OB" in status.split():
            level = Severity.WARNING
        stats = [
            Stat(
                label="Runtime",
                value=format_duration(runtime) if runtime is not None else "n/a",
                level=level,
            ),
            Stat(label="Status", value=describe_status(status), level=level),
        ]
        charge = number(values, "battery.charge")
        if charge is not None:
            stats.append(Stat(label="Charge", value=charge, unit="%"))
        return StatData(stats=stats)

    async def fetch_status(self, ctx: Context, options: object) -> FetchResult:
        ups, values = await self._vars(ctx)
        status = values.get("ups.status")
        if status is None:
            raise BadResponseError(f"nut: {ups} does not report ups.status", integration="nut")
        alerts = status_alerts(status, ups)
        return FetchResult(
            data=AlertData(alerts=alerts, ok_text=f"{ups}: {describe_status(status)}"),
            alerts=alerts,
        )


INTEGRATION = Nut()
