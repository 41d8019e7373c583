"""Prometheus Alertmanager: firing alerts become the dashboard's own alerts.

API v2 (https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml):
``GET /api/v2/alerts?active=true&silenced=false&inhibited=false`` → ``[{"labels": {"alertname",
"severity", …}, "annotations": {"summary", "description"}, "status": {"state"}, "startsAt"}]``;
``GET /api/v2/status`` → ``versionInfo.version``. A ``severity`` label of ``critical``/``page``
maps to critical, ``warning`` to warning, anything else to info. No authentication of its own
(optional Basic when behind a proxy or ``web.config``).
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.declarative import (
    Basic,
    JsonIntegration,
    OptionalBasicConfig,
    Probe,
)
from integrations.errors import BadResponseError
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

ID = "alertmanager"
ALERTS = "/api/v2/alerts"
_SEVERITY = {"critical": Severity.CRITICAL, "page": Severity.CRITICAL, "error": Severity.CRITICAL,
             "warning": Severity.WARNING, "warn": Severity.WARNING}  # fmt: skip


class Firing:
    def __init__(self, raw: dict[str, Any]) -> None:
        labels = raw.get("labels") if isinstance(raw.get("labels"), dict) else {}
        notes = raw.get("annotations") if isinstance(raw.get("annotations"), dict) else {}
        self.name = str(labels.get("alertname") or "alert")
        self.severity = _SEVERITY.get(str(labels.get("severity", "")).lower(), Severity.INFO)
        self.summary = str(notes.get("summary") or notes.get("description") or "")
        self.where = str(labels.get("instance") or labels.get("job") or "")
        self.key = str(raw.get("fingerprint") or f"{self.name}:{self.where}")

    def alert(self) -> Alert:
        text = " · ".join(p for p in (self.name, self.where, self.summary) if p)
        return Alert(severity=self.severity, key=f"am:{self.key}", message=text[:300])


class Alertmanager(JsonIntegration):
    id = ID
    name = "Alertmanager"
    icon = "🚨"
    category = "Monitoring"
    description = (
        "Firing alerts (not silenced or inhibited) as dashboard alerts, by severity label."
    )
    docs_url = "https://prometheus.io/docs/alerting/latest/alertmanager/"
    config_model = OptionalBasicConfig
    auth = Basic(optional=True)
    probe = Probe("/api/v2/status", version="versionInfo.version")
    endpoints = (
        Endpoint("summary", "Firing", RendererKind.STAT, ttl=30, refresh=30, description="Alerts firing: critical, warning, other."),
        Endpoint("alerts", "Alerts", RendererKind.ALERT, ttl=30, refresh=30, description="The firing alerts as a banner."),
        Endpoint("alert_list", "Alert list", RendererKind.LIST, ttl=30, refresh=30, description="Every firing alert, worst first."),
    )  # fmt: skip

    async def firing(self, ctx: Context) -> list[Firing]:
        answer = await self.get(
            ctx, ALERTS, {"active": "true", "silenced": "false", "inhibited": "false"}
        )
        if not isinstance(answer, list):
            raise BadResponseError(f"{ID}: {ALERTS} is not a list", integration=ID)
        return sorted(
            (Firing(a) for a in answer if isinstance(a, dict)),
            key=lambda f: (-f.severity.rank, f.name),
        )

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        firing = await self.firing(ctx)
        count = {
            s: sum(f.severity is s for f in firing)
            for s in (Severity.CRITICAL, Severity.WARNING, Severity.INFO)
        }
        stats = [
            Stat(
                label="Critical",
                value=count[Severity.CRITICAL],
                level=Severity.CRITICAL if count[Severity.CRITICAL] else Severity.OK,
            ),
            Stat(
                label="Warning",
                value=count[Severity.WARNING],
                level=Severity.WARNING if count[Severity.WARNING] else Severity.OK,
            ),
            Stat(label="Other", value=count[Severity.INFO]),
        ]
        return FetchResult(data=StatData(stats=stats), alerts=[f.alert() for f in firing])

    async def fetch_alerts(self, ctx: Context, options: None) -> FetchResult:
        alerts = [f.alert() for f in await self.firing(ctx)]
        return FetchResult(data=AlertData(alerts=alerts, ok_text="Nothing firing"), alerts=alerts)

    async def fetch_alert_list(self, ctx: Context, options: None) -> ListData:
        rows = [ListRow(title=f.name, detail=" · ".join(p for p in (f.where, f.summary) if p), status=f.severity.value, level=f.severity)
                for f in await self.firing(ctx)]  # fmt: skip
        return ListData(rows=rows, total=len(rows), empty_text="Nothing firing")


INTEGRATION = Alertmanager()
