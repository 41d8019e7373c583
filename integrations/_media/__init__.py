"""The media-server family (Jellyfin, Emby, Plex): now playing and library counts.

A server is an adapter with :meth:`MediaServer.sessions` (who watches what, how far, direct play
or transcode) and :meth:`MediaServer.library` (labelled counts). The endpoints are shared:
``streams`` (a stat card: streams, transcodes, paused), ``now_playing`` (a progress bar per
stream) and ``library`` (movies, series, episodes, songs).
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.base import Context, Endpoint, Integration
from integrations.models import (
    ProgressData,
    ProgressItem,
    RendererKind,
    Severity,
    Stat,
    StatData,
)


@dataclass(frozen=True)
class Playback:
    """One stream: ``who`` watches ``title`` (``percent`` done), transcoded or not."""

    who: str
    title: str
    percent: float
    transcode: bool
    paused: bool = False
    device: str = ""

    @property
    def detail(self) -> str:
        how = "transcode" if self.transcode else "direct"
        parts = ["paused" if self.paused else "playing", how, self.device]
        return " · ".join(p for p in parts if p)


def percent_of(position: float | None, duration: float | None) -> float:
    """Progress in 0..100, 0 when unknown (live TV has no duration)."""
    if not position or not duration or duration <= 0:
        return 0.0
    return max(0.0, min(100.0, 100.0 * position / duration))


class MediaServer(Integration):
    """Base of the family; subclasses implement :meth:`sessions` and :meth:`library`."""

    category = "Media"
    endpoints = (
        Endpoint("streams", "Streams", RendererKind.STAT, ttl=15, refresh=15,
                 description="Streams now, how many are transcoded, how many paused."),
        Endpoint("now_playing", "Now playing", RendererKind.PROGRESS, ttl=15, refresh=15,
                 description="Each stream: who, what, progress, direct play or transcode."),
        Endpoint("library", "Library", RendererKind.STAT, ttl=600, refresh=600,
                 description="Movies, series, episodes and songs."),
    )  # fmt: skip

    async def sessions(self, ctx: Context) -> list[Playback]:
        raise NotImplementedError

    async def library(self, ctx: Context) -> list[tuple[str, int | None]]:
        raise NotImplementedError

    async def fetch_streams(self, ctx: Context, options: None) -> StatData:
        playing = await self.sessions(ctx)
        return StatData(stats=[
            Stat(label="Streams", value=len(playing)),
            Stat(label="Transcoding", value=sum(p.transcode for p in playing)),
            Stat(label="Paused", value=sum(p.paused for p in playing)),
        ])  # fmt: skip

    async def fetch_now_playing(self, ctx: Context, options: None) -> ProgressData:
        items = [
            ProgressItem(
                label=f"{p.who}: {p.title}",
                percent=p.percent,
                detail=p.detail,
                level=Severity.INFO if p.transcode else Severity.OK,
            )
            for p in await self.sessions(ctx)
        ]
        return ProgressData(items=items, empty_text="Nothing playing")

    async def fetch_library(self, ctx: Context, options: None) -> StatData:
        return StatData(
            stats=[Stat(label=label, value=value) for label, value in await self.library(ctx)]
        )


__all__ = ["MediaServer", "Playback", "percent_of"]
