"""Bazarr: episodes and movies still missing subtitles.

API (Bazarr's own Swagger at ``/api/swaggerui``): ``GET /api/episodes/wanted?start=0&length=1``
and ``GET /api/movies/wanted?start=0&length=1`` → ``{"data": [...], "total": N}``;
``GET /api/system/status`` → ``{"data": {"bazarr_version": "1.4.3", ...}}``. The key goes in the
``X-API-KEY`` header (Settings → General → Security → API Key); a wrong key is answered 401.
"""

from __future__ import annotations

from integrations.base import Context, Endpoint
from integrations.concurrency import all_of
from integrations.declarative import HeaderKey, JsonIntegration, Probe, StatField, api_key_config
from integrations.models import RendererKind, StatData

PAGE = {"start": "0", "length": "1"}  # the total is all we read: ask for one row
EPISODES = StatField("Missing episodes", "total")
MOVIES = StatField("Missing movies", "total")


class Bazarr(JsonIntegration):
    id = "bazarr"
    name = "Bazarr"
    icon = "💬"
    category = "Media"
    description = "Subtitles still wanted: episodes and movies."
    docs_url = "https://wiki.bazarr.media/"
    config_model = api_key_config("Settings → General → Security → API Key.")
    auth = HeaderKey("X-API-KEY")
    probe = Probe("/api/system/status", version="data.bazarr_version")
    endpoints = (
        Endpoint("wanted", "Wanted", RendererKind.STAT, ttl=300, refresh=300,
                 description="Episodes and movies missing subtitles."),
    )  # fmt: skip

    async def fetch_wanted(self, ctx: Context, options: None) -> StatData:
        episodes, movies = await all_of(
            self.get(ctx, "/api/episodes/wanted", PAGE), self.get(ctx, "/api/movies/wanted", PAGE)
        )
        return StatData(stats=[
            EPISODES.stat(EPISODES.read(episodes, "/api/episodes/wanted", self.id)),
            MOVIES.stat(MOVIES.read(movies, "/api/movies/wanted", self.id)),
        ])  # fmt: skip


INTEGRATION = Bazarr()
