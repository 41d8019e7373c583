"""RabbitMQ: messages ready and unacknowledged, queues, connections; memory and disk alarms.

Management plugin HTTP API (https://www.rabbitmq.com/docs/http-api-reference), HTTP Basic:
``GET /api/overview`` → ``queue_totals`` (``messages``, ``messages_ready``,
``messages_unacknowledged``), ``object_totals`` (``queues``, ``connections``, ``consumers``),
``rabbitmq_version``; ``GET /api/nodes`` → ``mem_alarm``/``disk_free_alarm`` per node (an alarm
blocks publishers: critical); ``GET /api/queues`` → per queue ``name``, ``vhost``, ``messages``,
``consumers``. Refused: 401. The monitoring tag is enough for a dashboard user.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.declarative import Basic, JsonIntegration, UserPasswordConfig, number
from integrations.errors import BadResponseError
from integrations.models import (
    Alert,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)

ID = "rabbitmq"


class RabbitMQ(JsonIntegration):
    id = ID
    name = "RabbitMQ"
    icon = "🐇"
    category = "Infrastructure"
    description = "Messages ready/unacked, queues, connections; memory or disk alarms are critical."
    docs_url = "https://www.rabbitmq.com/docs/http-api-reference"
    config_model = UserPasswordConfig
    auth = Basic()
    endpoints = (
        Endpoint("overview", "Overview", RendererKind.STAT, ttl=15, refresh=15,
                 description="Messages ready and unacknowledged, queues, connections; alarms."),
        Endpoint("queues", "Queues", RendererKind.LIST, ttl=30, refresh=30,
                 description="Queues with the most messages first."),
    )  # fmt: skip

    async def _dict(self, ctx: Context, path: str) -> dict[str, Any]:
        answer = await self.get(ctx, path)
        if not isinstance(answer, dict):
            raise BadResponseError(f"{ID}: {path}: unexpected answer", integration=ID)
        return answer

    async def _list(self, ctx: Context, path: str) -> list[dict[str, Any]]:
        answer = await self.get(ctx, path)
        if not isinstance(answer, list):
            raise BadResponseError(f"{ID}: {path} is not a list", integration=ID)
        return [a for a in answer if isinstance(a, dict)]

    async def test_connection(self, ctx: Context) -> str:
        overview = await self._dict(ctx, "/api/overview")
        return f"RabbitMQ {overview.get('rabbitmq_version', '')}".rstrip()

    async def fetch_overview(self, ctx: Context, options: None) -> FetchResult:
        overview = await self._dict(ctx, "/api/overview")
        if "queue_totals" not in overview:
            raise BadResponseError(f"{ID}: /api/overview has no queue_totals", integration=ID)
        nodes = await self._list(ctx, "/api/nodes")
        totals, objects = overview.get("queue_totals") or {}, overview.get("object_totals") or {}
        alarms = [(n.get("name", "?"), kind) for n in nodes for key, kind in (("mem_alarm", "memory"), ("disk_free_alarm", "disk"))
                  if n.get(key) is True]  # fmt: skip
        stats = [
            Stat(label="Ready", value=number(totals.get("messages_ready")) or 0),
            Stat(label="Unacked", value=number(totals.get("messages_unacknowledged")) or 0),
            Stat(label="Queues", value=number(objects.get("queues"))),
            Stat(label="Connections", value=number(objects.get("connections"))),
            Stat(
                label="Alarms",
                value=len(alarms),
                level=Severity.CRITICAL if alarms else Severity.OK,
            ),
        ]
        alerts = [Alert(severity=Severity.CRITICAL, key=f"alarm:{node}:{kind}",
                        message=f"{kind} alarm on {node}: publishers are blocked") for node, kind in alarms]  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=alerts)

    async def fetch_queues(self, ctx: Context, options: None) -> ListData:
        queues = sorted(
            await self._list(ctx, "/api/queues"), key=lambda q: -(number(q.get("messages")) or 0)
        )
        rows = [ListRow(title=str(q.get("name")), detail=f"vhost {q.get('vhost', '/')} · {int(number(q.get('consumers')) or 0)} consumers",
                        status=f"{int(number(q.get('messages')) or 0):,}") for q in queues[:50]]  # fmt: skip
        return ListData(rows=rows, total=len(queues), empty_text="No queues")


INTEGRATION = RabbitMQ()
