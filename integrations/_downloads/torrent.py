"""Endpoints and actions shared by the BitTorrent clients (Transmission, qBittorrent, Deluge).

A client subclasses :class:`TorrentClient` and implements three coroutines: :meth:`snapshot`
(rates + torrents), :meth:`pause` and :meth:`resume`. The four ``fetch_*`` endpoints and the two
actions are written once here, so the clients differ only in how they talk to their service.
"""

from __future__ import annotations

from typing import Any

from integrations._downloads.render import (
    speed_chart,
    speeds_stat,
    transfer_alerts,
    transfer_list,
    transfer_progress,
)
from integrations._downloads.transfers import Snapshot
from integrations.base import Action, Context, Endpoint, Integration
from integrations.models import ChartData, FetchResult, ProgressData, RendererKind, StatData


def torrent_endpoints() -> tuple[Endpoint, ...]:
    """The four endpoints every torrent client offers (fast-changing: short TTLs)."""
    return (
        Endpoint(
            "speeds",
            "Speeds",
            RendererKind.STAT,
            ttl=5,
            refresh=5,
            description="Download and upload rate (B/s), torrents leeching and seeding.",
        ),
        Endpoint(
            "speed_history",
            "Speed history",
            RendererKind.CHART,
            ttl=5,
            refresh=5,
            description="Download and upload rate over time.",
        ),
        Endpoint(
            "torrents",
            "Torrents",
            RendererKind.LIST,
            ttl=10,
            refresh=10,
            description="Every torrent with its status, progress and rates; errors first "
            "(and raised as alerts).",
        ),
        Endpoint(
            "progress",
            "Progress",
            RendererKind.PROGRESS,
            ttl=10,
            refresh=10,
            description="Torrents not complete yet, with percent done and ETA.",
        ),
    )


def torrent_actions(service: str) -> tuple[Action, ...]:
    return (
        Action(
            id="pause_all",
            label="Pause all",
            confirm=f"Pause every torrent on {service}?",
            key="p",
        ),
        Action(
            id="resume_all",
            label="Resume all",
            confirm=f"Resume every torrent on {service}?",
            key="r",
        ),
    )


class TorrentClient(Integration):
    """Base of the torrent integrations; see the module docstring."""

    category = "Downloads"
    icon = "⇅"

    async def snapshot(self, ctx: Context) -> Snapshot:
        """Total rates and every torrent, mapped to the shared vocabulary."""
        raise NotImplementedError

    async def pause(self, ctx: Context) -> None:
        """Ask the service to pause every torrent."""
        raise NotImplementedError

    async def resume(self, ctx: Context) -> None:
        """Ask the service to resume every torrent."""
        raise NotImplementedError

    async def fetch_speeds(self, ctx: Context, options: Any) -> StatData:
        return speeds_stat(await self.snapshot(ctx))

    async def fetch_speed_history(self, ctx: Context, options: Any) -> ChartData:
        snap = await self.snapshot(ctx)
        return speed_chart(snap.download_rate, snap.upload_rate)

    async def fetch_torrents(self, ctx: Context, options: Any) -> FetchResult:
        # Alerts ride on this endpoint only: Runtime.alerts() polls every endpoint, so raising
        # them from all four would report each broken torrent four times.
        snap = await self.snapshot(ctx)
        return FetchResult(
            data=transfer_list(snap.transfers), alerts=transfer_alerts(snap.transfers)
        )

    async def fetch_progress(self, ctx: Context, options: Any) -> ProgressData:
        return transfer_progress((await self.snapshot(ctx)).transfers)

    async def action_pause_all(self, ctx: Context) -> str:
        await self.pause(ctx)
        return f"{self.name}: asked to pause every torrent"

    async def action_resume_all(self, ctx: Context) -> str:
        await self.resume(ctx)
        return f"{self.name}: asked to resume every torrent"
