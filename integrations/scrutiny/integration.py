"""Scrutiny: S.M.A.R.T. health of every disk its collectors report; a failing disk is critical.

Web API (https://github.com/AnalogJ/scrutiny, ``webapp/backend/pkg/web/handler``):
``GET /api/summary`` → ``{"success": true, "data": {"summary": {<wwn>: {"device": {...,
"device_status": 0}, "smart": {"temp": 33}}}}}`` where ``device_status`` is a bit field:
0 passed, 1 failed S.M.A.R.T., 2 failed Scrutiny's thresholds, 3 both. No authentication.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint, HttpConfig
from integrations.declarative import JsonIntegration, StatField
from integrations.errors import BadResponseError
from integrations.models import (
    Alert,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    StatData,
)

SUMMARY = "/api/summary"
_STATES = {0: "passed", 1: "failed S.M.A.R.T.", 2: "failed thresholds", 3: "failed"}
FAILING = StatField("Failing", critical_above=0)
PASSED = StatField("Passed")
HOTTEST = StatField("Hottest", unit="°C", warning_above=50, critical_above=60)


class Disk:
    """One entry of ``data.summary``, read defensively (collectors differ in what they send)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        device = raw.get("device") if isinstance(raw.get("device"), dict) else {}
        smart = raw.get("smart") if isinstance(raw.get("smart"), dict) else {}
        status = device.get("device_status", 0)
        self.status = status if isinstance(status, int) and not isinstance(status, bool) else 0
        self.name = str(device.get("device_name") or device.get("wwn") or "disk")
        self.key = str(device.get("wwn") or self.name)
        self.model = str(device.get("model_name") or "")
        temp = smart.get("temp")
        self.temp = temp if isinstance(temp, int | float) and not isinstance(temp, bool) else None

    @property
    def state(self) -> str:
        return _STATES.get(self.status, "failed")

    def alert(self) -> Alert:
        return Alert(severity=Severity.CRITICAL, key=f"disk:{self.key}",
                     message=f"disk {self.name} {self.state}")  # fmt: skip


async def _disks(integration: JsonIntegration, ctx: Context) -> list[Disk]:
    answer = await integration.get(ctx, SUMMARY)
    data = answer.get("data") if isinstance(answer, dict) else None
    summary = data.get("summary") if isinstance(data, dict) else None
    if not isinstance(summary, dict):
        raise BadResponseError(
            f"scrutiny: unexpected answer for {SUMMARY}: no data.summary", integration="scrutiny"
        )
    return [Disk(d) for d in summary.values() if isinstance(d, dict)]


class Scrutiny(JsonIntegration):
    id = "scrutiny"
    name = "Scrutiny"
    icon = "💽"
    category = "Monitoring"
    description = "Disk health from S.M.A.R.T.: passed and failing disks, temperatures."
    docs_url = "https://github.com/AnalogJ/scrutiny"
    config_model = HttpConfig
    endpoints = (
        Endpoint("summary", "Disk health", RendererKind.STAT, ttl=300, refresh=300,
                 description="Disks passed, failing, and the hottest temperature."),
        Endpoint("disks", "Disks", RendererKind.LIST, ttl=300, refresh=300,
                 description="Every disk with its model, temperature and state."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        return f"Scrutiny: {len(await _disks(self, ctx))} disks"

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        disks = await _disks(self, ctx)
        failed = [d for d in disks if d.status]
        temps = [d.temp for d in disks if d.temp is not None]
        stats = [
            FAILING.stat(len(failed)),
            PASSED.stat(len(disks) - len(failed)),
            HOTTEST.stat(max(temps) if temps else None),
        ]
        return FetchResult(data=StatData(stats=stats), alerts=[d.alert() for d in failed])

    async def fetch_disks(self, ctx: Context, options: None) -> FetchResult:
        disks = sorted(await _disks(self, ctx), key=lambda d: (not d.status, d.name))
        rows = [
            ListRow(
                title=d.name,
                detail=" · ".join(
                    p for p in (d.model, f"{d.temp:g} °C" if d.temp is not None else "") if p
                ),
                status=d.state,
                level=Severity.CRITICAL if d.status else Severity.OK,
            )
            for d in disks
        ]
        return FetchResult(
            data=ListData(rows=rows, total=len(rows), empty_text="No disks reported"),
            alerts=[d.alert() for d in disks if d.status],
        )


INTEGRATION = Scrutiny()
