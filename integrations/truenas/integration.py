"""TrueNAS (SCALE and CORE): pool health and the system's own alerts.

REST API v2.0 (https://www.truenas.com/docs/api/): ``GET /api/v2.0/pool`` → a list of
``{"name", "status": "ONLINE"|"DEGRADED"|…, "healthy": bool}``; ``GET /api/v2.0/alert/list`` →
``[{"level": "CRITICAL"|"WARNING"|"INFO"|…, "formatted", "dismissed"}]``;
``GET /api/v2.0/system/info`` → ``{"version", …}``. An API key (top bar → user → API Keys) goes
in ``Authorization: Bearer``; a wrong one is answered 401.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.concurrency import all_of
from integrations.declarative import Bearer, JsonIntegration, Probe, StatField, api_key_config
from integrations.errors import BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import (
    Alert,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    StatData,
)

_LEVELS = {"CRITICAL": Severity.CRITICAL, "ALERT": Severity.CRITICAL, "EMERGENCY": Severity.CRITICAL,
           "ERROR": Severity.CRITICAL, "WARNING": Severity.WARNING, "NOTICE": Severity.INFO,
           "INFO": Severity.INFO}  # fmt: skip


class TrueNAS(JsonIntegration):
    id = "truenas"
    name = "TrueNAS"
    icon = "🗄"
    category = "Infrastructure"
    description = "Pools healthy or degraded, and TrueNAS's own alerts."
    docs_url = "https://www.truenas.com/docs/api/"
    config_model = api_key_config("Top bar → your user → API Keys → Add.")
    auth = Bearer()
    probe = Probe("/api/v2.0/system/info", version="version")
    product = "TrueNAS"
    homepage = HomepageMapping(
        flag_endpoints={"enablePools": ("status",)}, ignore=frozenset({"nasType"})
    )
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=60, refresh=60,
                 description="Pools healthy, degraded pools, active alerts."),
        Endpoint("alerts", "Alerts", RendererKind.LIST, ttl=60, refresh=60,
                 description="TrueNAS alerts not dismissed, worst first."),
    )  # fmt: skip

    async def _list(self, ctx: Context, path: str) -> list[dict[str, Any]]:
        answer = await self.get(ctx, path)
        if not isinstance(answer, list):
            raise BadResponseError(f"truenas: {path} is not a list", integration=self.id)
        return [a for a in answer if isinstance(a, dict)]

    async def _alerts(self, ctx: Context) -> list[tuple[Severity, str]]:
        raw = await self._list(ctx, "/api/v2.0/alert/list")
        return [(_LEVELS.get(str(a.get("level")).upper(), Severity.INFO), str(a.get("formatted") or a.get("text") or ""))
                for a in raw if not a.get("dismissed")]  # fmt: skip

    async def fetch_status(self, ctx: Context, options: None) -> FetchResult:
        pools, alerts = await all_of(self._list(ctx, "/api/v2.0/pool"), self._alerts(ctx))
        bad = [
            p for p in pools if p.get("healthy") is False or p.get("status") not in (None, "ONLINE")
        ]
        stats = [
            StatField("Pools healthy").stat(len(pools) - len(bad)),
            StatField("Degraded", critical_above=0).stat(len(bad)),
            StatField("Alerts", warning_above=0).stat(len(alerts)),
        ]
        raised = [Alert(severity=Severity.CRITICAL, key=f"pool:{p.get('name')}",
                        message=f"pool {p.get('name')} is {p.get('status') or 'unhealthy'}") for p in bad]  # fmt: skip
        raised += [Alert(severity=level, key=f"alert:{text[:60]}", message=text[:200])
                   for level, text in alerts if level is Severity.CRITICAL]  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=raised)

    async def fetch_alerts(self, ctx: Context, options: None) -> ListData:
        alerts = sorted(await self._alerts(ctx), key=lambda a: -a[0].rank)
        rows = [ListRow(title=text.split(".")[0][:80] or "alert", detail=text, status=level.value, level=level)
                for level, text in alerts]  # fmt: skip
        return ListData(rows=rows, total=len(rows), empty_text="No alerts")


INTEGRATION = TrueNAS()
