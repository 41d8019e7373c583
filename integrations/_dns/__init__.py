"""The DNS-blocker family (Pi-hole, AdGuard Home, Technitium): one set of endpoints and actions.

A blocker is a small adapter: :meth:`DnsBlocker.summary`, :meth:`DnsBlocker.top_blocked` and
:meth:`DnsBlocker.set_blocking`. Everything a person sees is shared: the summary card (queries,
blocked, blocked %, blocking on/off with the time left), the top blocked domains, a warning
alert while blocking is off, and the actions — disable for 5 minutes, for 1 hour, until
re-enabled, and enable — each confirmed before it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.base import Action, Context, Endpoint, Integration
from integrations.format import format_duration
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

TOP_COUNT = 10


@dataclass(frozen=True)
class DnsSummary:
    """What every blocker can say about the last 24 hours (``None``: this one does not say)."""

    queries: int | None
    blocked: int | None
    blocking: bool | None
    percent: float | None = None  # computed from queries/blocked when the service has none
    blocklist_size: int | None = None  # domains on the block lists
    disabled_for: float | None = None  # seconds until blocking comes back on by itself

    @property
    def blocked_percent(self) -> float | None:
        if self.percent is not None:
            return self.percent
        if self.queries and self.blocked is not None:
            return round(100 * self.blocked / self.queries, 1)
        return 0.0 if self.queries == 0 else None


@dataclass(frozen=True)
class TopDomain:
    domain: str
    count: int


class DnsBlocker(Integration):
    """Base of the family; subclasses implement the three adapter methods."""

    category = "Network"
    endpoints = (
        Endpoint("summary", "DNS summary", RendererKind.STAT, ttl=30, refresh=30,
                 description="Queries, blocked, blocked %, and whether blocking is on."),
        Endpoint("top_blocked", "Top blocked", RendererKind.LIST, ttl=120, refresh=120,
                 description="The most blocked domains."),
    )  # fmt: skip
    actions = (
        Action("disable_5m", "Disable blocking for 5 minutes", "Turn ad blocking off for 5 minutes?", key="5"),
        Action("disable_1h", "Disable blocking for 1 hour", "Turn ad blocking off for 1 hour?", key="6"),
        Action("disable", "Disable blocking", "Turn ad blocking off until you turn it back on?", key="0"),
        Action("enable", "Enable blocking", "Turn ad blocking back on?", key="1"),
    )  # fmt: skip

    # -- the adapter ----------------------------------------------------------------------------

    async def summary(self, ctx: Context) -> DnsSummary:
        raise NotImplementedError

    async def top_blocked(self, ctx: Context, count: int) -> list[TopDomain]:
        raise NotImplementedError

    async def set_blocking(self, ctx: Context, enabled: bool, seconds: int | None) -> None:
        """Turn blocking on, or off for ``seconds`` (``None``: until turned on again)."""
        raise NotImplementedError

    # -- shared ---------------------------------------------------------------------------------

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        s = await self.summary(ctx)
        if s.blocking is None:
            state, level = None, Severity.OK
        elif s.blocking:
            state, level = "on", Severity.OK
        else:
            left = f" ({format_duration(s.disabled_for)} left)" if s.disabled_for else ""
            state, level = f"off{left}", Severity.WARNING
        stats = [
            Stat(label="Queries", value=s.queries),
            Stat(label="Blocked", value=s.blocked),
            Stat(label="Blocked %", value=s.blocked_percent, unit="%"),
            Stat(label="Blocking", value=state, level=level),
        ]
        alerts = []
        if s.blocking is False:
            alerts.append(Alert(severity=Severity.WARNING, key="blocking",
                                message=f"ad blocking is {state}"))  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=alerts)

    async def fetch_top_blocked(self, ctx: Context, options: None) -> ListData:
        top = await self.top_blocked(ctx, TOP_COUNT)
        rows = [ListRow(title=d.domain, status=f"{d.count:,}") for d in top]
        return ListData(rows=rows, total=len(rows), empty_text="Nothing blocked yet")

    async def action_disable_5m(self, ctx: Context) -> str:
        await self.set_blocking(ctx, False, 300)
        return "Blocking disabled for 5 minutes"

    async def action_disable_1h(self, ctx: Context) -> str:
        await self.set_blocking(ctx, False, 3600)
        return "Blocking disabled for 1 hour"

    async def action_disable(self, ctx: Context) -> str:
        await self.set_blocking(ctx, False, None)
        return "Blocking disabled until you enable it"

    async def action_enable(self, ctx: Context) -> str:
        await self.set_blocking(ctx, True, None)
        return "Blocking enabled"


__all__ = ["DnsBlocker", "DnsSummary", "TopDomain"]
