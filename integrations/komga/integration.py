"""Komga: libraries, series and books.

REST API (https://komga.org/docs/openapi/komga-api): ``GET /api/v1/libraries`` (a list),
``GET /api/v1/series?size=1`` and ``GET /api/v1/books?size=1`` (Spring pages whose
``totalElements`` is the count). HTTP Basic with a Komga user; a wrong one is answered 401.
"""

from __future__ import annotations

from integrations.base import Context, Endpoint
from integrations.concurrency import all_of
from integrations.declarative import Basic, JsonIntegration, StatField, UserPasswordConfig
from integrations.errors import BadResponseError
from integrations.models import RendererKind, StatData

ONE = {"size": "1"}
SERIES, BOOKS = StatField("Series", "totalElements"), StatField("Books", "totalElements")


class Komga(JsonIntegration):
    id = "komga"
    name = "Komga"
    icon = "📚"
    category = "Media"
    description = "Comics and books: libraries, series and books."
    docs_url = "https://komga.org/docs/openapi/komga-api"
    config_model = UserPasswordConfig
    auth = Basic()
    endpoints = (
        Endpoint("library", "Library", RendererKind.STAT, ttl=600, refresh=600,
                 description="Libraries, series and books."),
    )  # fmt: skip

    async def _libraries(self, ctx: Context) -> list[object]:
        libraries = await self.get(ctx, "/api/v1/libraries")
        if not isinstance(libraries, list):
            raise BadResponseError("komga: /api/v1/libraries is not a list", integration=self.id)
        return libraries

    async def test_connection(self, ctx: Context) -> str:
        return f"Komga: {len(await self._libraries(ctx))} libraries"

    async def fetch_library(self, ctx: Context, options: None) -> StatData:
        libraries, series, books = await all_of(
            self._libraries(ctx),
            self.get(ctx, "/api/v1/series", ONE),
            self.get(ctx, "/api/v1/books", ONE),
        )
        return StatData(stats=[
            StatField("Libraries").stat(len(libraries)),
            SERIES.stat(SERIES.read(series, "/api/v1/series", self.id)),
            BOOKS.stat(BOOKS.read(books, "/api/v1/books", self.id)),
        ])  # fmt: skip


INTEGRATION = Komga()
