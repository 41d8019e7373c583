"""Prowlarr (indexer manager), API v1: grab/query counters, indexers and health."""

from __future__ import annotations

from datetime import UTC, datetime

from integrations._arr.api import Indexer, IndexerStats, IndexerStatus
from integrations._arr.base import ArrBase
from integrations.base import Context, Endpoint
from integrations.models import ListData, ListRow, RendererKind, Severity, Stat, StatData


class Prowlarr(ArrBase):
    id = "prowlarr"
    name = "Prowlarr"
    icon = "🔎"
    description = "Indexers: grabs, queries and failures, indexer status, health."
    docs_url = "https://prowlarr.com/docs/api/"
    api_version = "v1"
    endpoints = (
        Endpoint(
            "stats",
            "Grabs / queries",
            RendererKind.STAT,
            ttl=120,
            refresh=120,
            description="Totals over all indexers.",
        ),
        Endpoint("indexers", "Indexers", RendererKind.LIST, ttl=60, refresh=60),
        Endpoint("health", "Health", RendererKind.ALERT, ttl=60, refresh=60),
    )

    async def fetch_stats(self, ctx: Context, options: None) -> StatData:
        stats: IndexerStats = await self.get(
            ctx, "/indexerstats", IndexerStats, what="the indexer stats"
        )
        grabs = sum(s.numberOfGrabs for s in stats.indexers)
        queries = sum(s.numberOfQueries for s in stats.indexers)
        failed = sum(s.numberOfFailedGrabs + s.numberOfFailedQueries for s in stats.indexers)
        return StatData(
            stats=[
                Stat(label="Grabs", value=grabs),
                Stat(label="Queries", value=queries),
                Stat(
                    label="Failures",
                    value=failed,
                    level=Severity.WARNING if failed else Severity.OK,
                ),
            ]
        )

    async def fetch_indexers(self, ctx: Context, options: None) -> ListData:
        indexers: list[Indexer] = await self.get(
            ctx, "/indexer", list[Indexer], what="the indexers"
        )
        failing: list[IndexerStatus] = await self.get(
            ctx, "/indexerstatus", list[IndexerStatus], what="the indexer status"
        )
        now = datetime.now(UTC)
        disabled = {
            s.indexerId
            for s in failing
            if s.disabledTill is not None and _aware(s.disabledTill) > now
        }
        rows = []
        for indexer in sorted(indexers, key=lambda i: (i.priority or 0, i.name.lower())):
            if not indexer.enable:
                status, level = "disabled", Severity.INFO
            elif indexer.id in disabled:
                status, level = "failing", Severity.WARNING
            else:
                status, level = "enabled", Severity.OK
            detail = indexer.protocol + (
                f" · priority {indexer.priority}" if indexer.priority is not None else ""
            )
            rows.append(ListRow(title=indexer.name, detail=detail, status=status, level=level))
        return ListData(rows=rows, total=len(rows), empty_text="No indexers configured")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


INTEGRATION = Prowlarr()
