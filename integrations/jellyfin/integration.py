"""Jellyfin: who is watching what, transcodes, and library counts.

REST API (https://api.jellyfin.org/): ``GET /Sessions?activeWithinSeconds=…`` (each session:
``UserName``, ``DeviceName``, ``NowPlayingItem`` with ``RunTimeTicks``, ``PlayState`` with
``PositionTicks`` and ``IsPaused``, ``TranscodingInfo`` when transcoding), ``GET /Items/Counts``
and ``GET /System/Info``. The API key (Dashboard → API Keys) is sent either as
``Authorization: MediaBrowser Token="…"`` (the current scheme, required by 10.12+) or, for older
servers and proxies that strip ``Authorization``, as ``X-Emby-Token``. A wrong key is answered 401.
Emby (:mod:`integrations.emby`) is the same API under ``/emby``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr

from integrations._media import MediaServer, Playback, percent_of
from integrations.base import Context, HttpConfig
from integrations.declarative import number, whole_number
from integrations.errors import BadResponseError
from integrations.homepage import HomepageMapping

CLIENT = 'Client="launcher-tui", Device="launcher-tui", DeviceId="launcher-tui", Version="1"'


class JellyfinConfig(HttpConfig):
    api_key: SecretStr = Field(
        title="API key", description="Dashboard → API Keys → + (name it 'dashboard')."
    )
    auth_header: Literal["authorization", "x-emby-token"] = Field(
        default="authorization", title="Send the key as",
        description="authorization: 'MediaBrowser Token=…' (Jellyfin 10.7+, required from 10.12); "
        "x-emby-token: the legacy header, for old servers or proxies that drop Authorization.",
    )  # fmt: skip


class Jellyfin(MediaServer):
    id = "jellyfin"
    name = "Jellyfin"
    icon = "🎞"
    description = "Now playing (who, what, progress, transcode), streams, library counts."
    docs_url = "https://api.jellyfin.org/"
    config_model = JellyfinConfig
    prefix: ClassVar[str] = ""
    homepage = HomepageMapping(
        endpoints=("streams",),
        flag_endpoints={"enableNowPlaying": ("now_playing",), "enableBlocks": ("library",)},
        ignore=frozenset(
            {
                "version",
                "enableUser",
                "showEpisodeNumber",
                "expandOneStreamToTwoRows",
                "enableMediaControl",
            }
        ),
    )

    def headers(self, ctx: Context) -> dict[str, str]:
        key = ctx.secret("api_key")
        if getattr(ctx.config, "auth_header", "x-emby-token") == "authorization":
            return {"Authorization": f'MediaBrowser Token="{key}", {CLIENT}'}
        return {"X-Emby-Token": key}

    async def get(self, ctx: Context, path: str, **params: str) -> Any:
        full = f"{self.prefix}{path}"
        return await ctx.http.get_json(
            full, headers=self.headers(ctx), params=params or None, what=full
        )

    async def test_connection(self, ctx: Context) -> str:
        info = await self.get(ctx, "/System/Info")
        if not isinstance(info, dict) or "Version" not in info:
            raise BadResponseError(f"{self.id}: /System/Info has no Version", integration=self.id)
        server = f" ({info['ServerName']})" if info.get("ServerName") else ""
        return f"{self.name} {info['Version']}{server}"

    async def sessions(self, ctx: Context) -> list[Playback]:
        sessions = await self.get(ctx, "/Sessions", activeWithinSeconds="960")
        if not isinstance(sessions, list):
            raise BadResponseError(f"{self.id}: /Sessions is not a list", integration=self.id)
        playing = []
        for s in sessions:
            item = s.get("NowPlayingItem") if isinstance(s, dict) else None
            if not isinstance(item, dict):
                continue
            state = s.get("PlayState") if isinstance(s.get("PlayState"), dict) else {}
            title = item.get("Name") or "?"
            if item.get("SeriesName"):
                title = f"{item['SeriesName']} · {title}"
            position, duration = (
                number(state.get("PositionTicks")),
                number(item.get("RunTimeTicks")),
            )
            playing.append(Playback(
                who=str(s.get("UserName") or "someone"),
                title=str(title),
                percent=percent_of(position, duration),
                transcode=isinstance(s.get("TranscodingInfo"), dict)
                and not s["TranscodingInfo"].get("IsVideoDirect", False),
                paused=bool(state.get("IsPaused")),
                device=str(s.get("DeviceName") or ""),
            ))  # fmt: skip
        return playing

    async def library(self, ctx: Context) -> list[tuple[str, int | None]]:
        counts = await self.get(ctx, "/Items/Counts")
        if not isinstance(counts, dict) or "MovieCount" not in counts:
            raise BadResponseError(
                f"{self.id}: /Items/Counts has no MovieCount", integration=self.id
            )
        return [(label, whole_number(counts.get(key))) for label, key in
                (("Movies", "MovieCount"), ("Series", "SeriesCount"), ("Episodes", "EpisodeCount"), ("Songs", "SongCount"))]  # fmt: skip


INTEGRATION = Jellyfin()
