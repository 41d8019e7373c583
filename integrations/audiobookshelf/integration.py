"""Audiobookshelf: audiobooks and podcasts, their total duration and size.

API (https://api.audiobookshelf.org/): ``GET /api/libraries`` → ``{"libraries": [{"id",
"name", "mediaType": "book"|"podcast"}]}``; ``GET /api/libraries/{id}/stats`` →
``{"totalItems", "totalDuration" (s), "totalSize" (bytes), ...}``. The user's API token
(Settings → Users → the user → API token) goes in ``Authorization: Bearer``; refused: 401.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.concurrency import all_of
from integrations.declarative import Bearer, JsonIntegration, StatField, api_key_config, number
from integrations.errors import BadResponseError
from integrations.models import RendererKind, StatData


class Audiobookshelf(JsonIntegration):
    id = "audiobookshelf"
    name = "Audiobookshelf"
    icon = "🎧"
    category = "Media"
    description = "Audiobooks and podcasts: items, total listening time and size."
    docs_url = "https://api.audiobookshelf.org/"
    config_model = api_key_config("Settings → Users → your user → API token.", title="API token")
    auth = Bearer()
    endpoints = (
        Endpoint("library", "Library", RendererKind.STAT, ttl=600, refresh=600,
                 description="Books, podcasts, total duration and size."),
    )  # fmt: skip

    async def _libraries(self, ctx: Context) -> list[dict[str, Any]]:
        answer = await self.get(ctx, "/api/libraries")
        libraries = answer.get("libraries") if isinstance(answer, dict) else None
        if not isinstance(libraries, list):
            raise BadResponseError(
                "audiobookshelf: no 'libraries' in /api/libraries", integration=self.id
            )
        return [lib for lib in libraries if isinstance(lib, dict) and lib.get("id")]

    async def test_connection(self, ctx: Context) -> str:
        return f"Audiobookshelf: {len(await self._libraries(ctx))} libraries"

    async def fetch_library(self, ctx: Context, options: None) -> StatData:
        libraries = await self._libraries(ctx)
        stats = await all_of(
            *(self.get(ctx, f"/api/libraries/{lib['id']}/stats") for lib in libraries)
        )
        totals = {"book": 0, "podcast": 0}
        duration = size = 0.0
        for lib, stat in zip(libraries, stats, strict=True):
            if not isinstance(stat, dict):
                continue
            kind = "podcast" if lib.get("mediaType") == "podcast" else "book"
            totals[kind] += int(number(stat.get("totalItems")) or 0)
            duration += float(number(stat.get("totalDuration")) or 0)
            size += float(number(stat.get("totalSize")) or 0)
        return StatData(stats=[
            StatField("Books").stat(totals["book"]),
            StatField("Podcasts").stat(totals["podcast"]),
            StatField("Duration", unit="s").stat(duration),
            StatField("Size", unit="B").stat(size),
        ])  # fmt: skip


INTEGRATION = Audiobookshelf()
