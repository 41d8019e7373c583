"""Uptime Kuma: a public status page read through its JSON API, plus ``/metrics`` if keyed.

Uptime Kuma's own API is socket.io; the stable HTTP surface is the *status page*: the page
(``/api/status-page/{slug}``: title, groups, monitors, incident) and its heartbeats
(``/api/status-page/heartbeat/{slug}``: recent beats and 24 h uptime per monitor). Both are
public, so the only required setting is the page's slug; only monitors put on that page are
seen. An API key (Settings → API Keys) is optional: when given, the connection test also reads
``/metrics`` (HTTP Basic, empty user name, key as password) for the version and to prove the key.
A down monitor raises a critical alert keyed ``monitor:<id>``; a posted incident raises one keyed
``incident:<id>`` with the incident's style as severity.
"""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.errors import BadResponseError, ConfigError, ServiceTimeoutError
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)
from integrations.uptimekuma.api import (
    DOWN,
    MAINTENANCE,
    PENDING,
    UP,
    Heartbeats,
    PublicMonitor,
    StatusPage,
    app_version,
)

ID = "uptimekuma"
STATUS_TEXT = {DOWN: "down", UP: "up", PENDING: "pending", MAINTENANCE: "maintenance"}
STATUS_LEVEL = {
    DOWN: Severity.CRITICAL,
    UP: Severity.OK,
    PENDING: Severity.WARNING,
    MAINTENANCE: Severity.INFO,
}
INCIDENT_LEVEL = {"danger": Severity.CRITICAL, "warning": Severity.WARNING}


class UptimeKumaConfig(HttpConfig):
    slug: str = Field(
        title="Status page slug",
        description="The part after /status/ in the status page's address (e.g. homelab). "
        "Only monitors on that page are shown.",
        min_length=1,
        max_length=255,
    )
    api_key: SecretStr | None = Field(
        default=None,
        title="API key",
        description="Optional (Settings → API Keys): lets the connection test read /metrics "
        "for the version.",
    )

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        slug = value.strip().strip("/").rsplit("/", 1)[-1].lower()
        if not slug.replace("-", "").isalnum():
            raise ValueError("a slug has only letters, digits and dashes (e.g. homelab)")
        return slug


class Monitor:
    """A monitor of the page joined with its latest heartbeat and uptime."""

    def __init__(self, group: str, monitor: PublicMonitor, beats: Heartbeats) -> None:
        self.id = monitor.id
        self.name = monitor.name
        self.group = group
        latest = beats.latest(monitor.id)
        self.status: int | None = latest.status if latest else None
        self.message = (latest.msg or "") if latest else ""
        self.ping = latest.ping if latest else None
        self.uptime = beats.uptime(monitor.id)

    @property
    def status_text(self) -> str:
        return STATUS_TEXT.get(self.status, "no data") if self.status is not None else "no data"

    @property
    def level(self) -> Severity:
        return (
            STATUS_LEVEL.get(self.status, Severity.OK) if self.status is not None else Severity.OK
        )


#: How long to wait for the page when its heartbeats say the slug may not exist.
UNKNOWN_SLUG_WAIT = 3.0


def _no_page(ctx: Context) -> ConfigError:
    return ConfigError(
        f"{ID}: there is no status page '{ctx.config.slug}' at {ctx.base_url}",
        hint="Give the slug of an existing, published status page (Status Pages in Uptime "
        "Kuma; its address ends in /status/<slug>).",
        integration=ID,
    )


async def _page(ctx: Context, *, maybe_unknown: bool) -> StatusPage:
    """The page; Uptime Kuma 1.x answers 404 for an unknown slug, 2.0 never answers at all."""
    wait = min(ctx.timeout, UNKNOWN_SLUG_WAIT) if maybe_unknown else None
    try:
        response = await ctx.http.request(
            "GET", f"/api/status-page/{ctx.config.slug}", ok_statuses=(404,), timeout=wait
        )
    except ServiceTimeoutError:
        if maybe_unknown:
            raise _no_page(ctx) from None
        raise
    if response.status_code == 404:
        raise _no_page(ctx)
    body = response.json("the status page")
    return parse_model(StatusPage, body, integration=ID, what="status page")


async def _monitors(ctx: Context) -> tuple[StatusPage, list[Monitor]]:
    """Heartbeats first: they answer at once even for an unknown slug (empty), the page not."""
    beats_body = await ctx.http.get_json(
        f"/api/status-page/heartbeat/{ctx.config.slug}", what="the status page heartbeats"
    )
    beats = parse_model(Heartbeats, beats_body, integration=ID, what="status page heartbeats")
    page = await _page(ctx, maybe_unknown=not beats.heartbeat_list)
    return page, [Monitor(group, m, beats) for group, m in page.monitors()]


def _percent(uptime: float | None) -> str:
    return f"{uptime * 100:.1f} %" if uptime is not None else "no uptime yet"


class UptimeKuma(Integration):
    id = ID
    name = "Uptime Kuma"
    icon = "🟢"
    category = "Monitoring"
    description = "Monitors of a status page: up/down counts, uptime, alerts for down monitors."
    docs_url = "https://github.com/louislam/uptime-kuma/wiki"
    config_model = UptimeKumaConfig
    endpoints = (
        Endpoint("monitors", "Monitors", RendererKind.STAT, ttl=30, refresh=30,
                 description="Monitors up and down, and their average 24 h uptime."),
        Endpoint("monitor_list", "Monitor list", RendererKind.LIST, ttl=30, refresh=30,
                 description="Every monitor on the page with its status, 24 h uptime and ping."),
        Endpoint("alerts", "Down monitors", RendererKind.ALERT, ttl=30, refresh=30,
                 description="A critical alert per down monitor, plus the page's incident."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        page, monitors = await _monitors(ctx)
        summary = f"status page '{page.config.title}' ({len(monitors)} monitors)"
        key = ctx.secret("api_key")
        if not key:
            return f"Uptime Kuma {summary}"
        response = await ctx.http.request("GET", "/metrics", auth=("", key))
        version = app_version(response.text)
        if version is None:
            raise BadResponseError(
                f"{ID}: {response.url} is not Uptime Kuma's metrics (no app_version)",
                integration=ID,
            )
        return f"Uptime Kuma {version}: {summary}"

    async def fetch_monitors(self, ctx: Context, options: None) -> StatData:
        _, monitors = await _monitors(ctx)
        up = sum(m.status == UP for m in monitors)
        down = sum(m.status == DOWN for m in monitors)
        uptimes = [m.uptime for m in monitors if m.uptime is not None]
        average = sum(uptimes) / len(uptimes) * 100 if uptimes else None
        return StatData(
            stats=[
                Stat(label="Up", value=up),
                Stat(label="Down", value=down, level=Severity.CRITICAL if down else Severity.OK),
                Stat(
                    label="Uptime 24h",
                    value=round(average, 2) if average is not None else None,
                    unit="%",
                ),
            ]
        )

    async def fetch_monitor_list(self, ctx: Context, options: None) -> ListData:
        _, monitors = await _monitors(ctx)
        rows = []
        for m in sorted(monitors, key=lambda m: (-m.level.rank, m.name.lower())):
            parts = [f"{_percent(m.uptime)} (24h)"]
            if m.ping is not None:
                parts.append(f"{m.ping:g} ms")
            if m.group:
                parts.append(m.group)
            if m.message and m.status != UP:
                parts.append(m.message)
            rows.append(
                ListRow(title=m.name, detail=" · ".join(parts), status=m.status_text, level=m.level)
            )
        return ListData(rows=rows, total=len(rows), empty_text="No monitors on this status page")

    async def fetch_alerts(self, ctx: Context, options: None) -> FetchResult:
        page, monitors = await _monitors(ctx)
        alerts = [
            Alert(
                severity=Severity.CRITICAL,
                message=f"{m.name} is down" + (f": {m.message}" if m.message else ""),
                key=f"monitor:{m.id}",
            )
            for m in monitors
            if m.status == DOWN
        ]
        if page.incident is not None:
            incident = page.incident
            alerts.append(
                Alert(
                    severity=INCIDENT_LEVEL.get(incident.style, Severity.INFO),
                    message=f"Incident: {incident.title or incident.content or 'no title'}",
                    key=f"incident:{incident.id}",
                )
            )
        return FetchResult(data=AlertData(alerts=alerts, ok_text="All monitors up"), alerts=alerts)


INTEGRATION = UptimeKuma()
