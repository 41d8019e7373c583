"""Caddy: reverse-proxy upstream health and request counts from the admin API.

The admin API (``GET /reverse_proxy/upstreams``, port 2019, loopback-only by default) is not the
site Caddy serves, so apps usually set ``api_url``. Caddy 2.6 reports per upstream only
``num_requests`` (in flight) and ``fails`` (passive health-check failures within
``fail_duration``); it calls an upstream unhealthy once ``fails`` reaches the handler's
``max_fails`` (1 unless configured). We read ``max_fails`` from the running config
(``/config/apps/http/servers``) to apply the same rule, and show fewer failures as a warning.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, RootModel

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.errors import IntegrationError
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

ID = "caddy"
DEFAULT_MAX_FAILS = 1


class Upstream(BaseModel):
    model_config = ConfigDict(extra="ignore")

    address: str
    num_requests: int = 0
    fails: int = 0
    healthy: bool | None = None  # reported by Caddy before 2.5


class Upstreams(RootModel[list[Upstream] | None]):
    """``null`` when no reverse proxy is configured."""


class CaddyConfig(HttpConfig):
    """Point ``api_url`` at the admin endpoint when the app URL is the site."""

    api_url: AnyHttpUrl | None = Field(
        default=None,
        title="Admin API URL",
        description="Caddy's admin endpoint, e.g. http://127.0.0.1:2019 (the 'admin' listen "
        "address); empty when the app URL already is the admin API.",
    )


def _reverse_proxies(node: Any) -> Iterator[dict[str, Any]]:
    """Every ``reverse_proxy`` handler anywhere in a config tree (routes nest in subroutes)."""
    if isinstance(node, dict):
        if node.get("handler") == "reverse_proxy":
            yield node
        for value in node.values():
            yield from _reverse_proxies(value)
    elif isinstance(node, list):
        for value in node:
            yield from _reverse_proxies(value)


def max_fails_by_address(servers: Any) -> dict[str, int]:
    """``max_fails`` of the passive health check guarding each upstream dial address."""
    limits: dict[str, int] = {}
    for handler in _reverse_proxies(servers):
        passive = (handler.get("health_checks") or {}).get("passive") or {}
        limit = passive.get("max_fails") or DEFAULT_MAX_FAILS
        for upstream in handler.get("upstreams") or []:
            dial = upstream.get("dial") if isinstance(upstream, dict) else None
            if isinstance(dial, str) and isinstance(limit, int):
                limits[dial] = min(limit, limits.get(dial, limit))
    return limits


class Health(BaseModel):
    """An upstream with Caddy's health verdict and how much attention it needs."""

    upstream: Upstream
    max_fails: int

    @property
    def level(self) -> Severity:
        if self.upstream.healthy is False or self.upstream.fails >= self.max_fails:
            return Severity.CRITICAL
        return Severity.WARNING if self.upstream.fails else Severity.OK

    @property
    def status(self) -> str:
        return {Severity.CRITICAL: "unhealthy", Severity.WARNING: "failing"}.get(
            self.level, "healthy"
        )


async def _health(ctx: Context) -> list[Health]:
    what = "reverse-proxy upstreams (/reverse_proxy/upstreams)"
    data = await ctx.http.get_json("/reverse_proxy/upstreams", what=what)
    upstreams = parse_model(Upstreams, data, integration=ID, what=what).root or []
    limits: dict[str, int] = {}
    if any(u.healthy is None and u.fails for u in upstreams):
        # config hidden or odd: fall back to Caddy's default limit
        with contextlib.suppress(IntegrationError):
            limits = max_fails_by_address(await ctx.http.get_json("/config/apps/http/servers"))
    return [
        Health(upstream=u, max_fails=limits.get(u.address, DEFAULT_MAX_FAILS)) for u in upstreams
    ]


def _failures(health: Health) -> str:
    return f"{health.upstream.fails} recent failures (unhealthy at {health.max_fails})"


class Caddy(Integration):
    id = ID
    name = "Caddy"
    icon = "🔒"
    category = "Network"
    description = "Reverse-proxy upstream health and requests from Caddy's admin API."
    docs_url = "https://caddyserver.com/docs/api#get-reverse-proxyupstreams"
    config_model = CaddyConfig
    endpoints = (
        Endpoint("upstreams", "Upstreams", RendererKind.LIST, ttl=10, refresh=10,
                 description="Each reverse-proxy upstream: healthy or not, requests, failures."),
        Endpoint("upstream_alerts", "Unhealthy upstreams", RendererKind.ALERT, ttl=10, refresh=10,
                 description="A critical alert per unhealthy upstream (warning while failing)."),
        Endpoint("requests", "Requests", RendererKind.STAT, ttl=10, refresh=10,
                 description="Upstreams, requests in flight and recent failures."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        health = await _health(ctx)
        bad = sum(h.level is Severity.CRITICAL for h in health)
        return f"Caddy admin API: {len(health)} upstreams" + (f", {bad} unhealthy" if bad else "")

    async def fetch_upstreams(self, ctx: Context, options: None) -> ListData:
        health = sorted(await _health(ctx), key=lambda h: (-h.level.rank, h.upstream.address))
        rows = [
            ListRow(
                title=h.upstream.address,
                detail=f"{h.upstream.num_requests} requests · {_failures(h)}",
                status=h.status,
                level=h.level,
            )
            for h in health
        ]
        return ListData(rows=rows, total=len(rows), empty_text="No reverse-proxy upstreams")

    async def fetch_upstream_alerts(self, ctx: Context, options: None) -> FetchResult:
        alerts = [
            Alert(
                severity=h.level,
                message=f"Upstream {h.upstream.address} is {h.status}: {_failures(h)}",
                key=f"upstream:{h.upstream.address}",
            )
            for h in await _health(ctx)
            if h.level is not Severity.OK
        ]
        alerts.sort(key=lambda a: -a.severity.rank)
        return FetchResult(
            data=AlertData(alerts=alerts, ok_text="All upstreams healthy"), alerts=alerts
        )

    async def fetch_requests(self, ctx: Context, options: None) -> StatData:
        health = await _health(ctx)
        unhealthy = sum(h.level is Severity.CRITICAL for h in health)
        failed = sum(h.upstream.fails for h in health)
        return StatData(
            stats=[
                Stat(
                    label="Upstreams",
                    value=len(health),
                    level=Severity.CRITICAL if unhealthy else Severity.OK,
                ),
                Stat(label="Requests", value=sum(h.upstream.num_requests for h in health)),
                Stat(
                    label="Failed",
                    value=failed,
                    level=Severity.WARNING if failed else Severity.OK,
                ),
            ]
        )


INTEGRATION = Caddy()
