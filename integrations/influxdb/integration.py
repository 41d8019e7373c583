"""InfluxDB 1.x: is it up, which version, how many databases.

HTTP API (https://docs.influxdata.com/influxdb/v1/tools/api/): ``GET /ping`` answers 204 with an
``X-Influxdb-Version`` header (no auth); ``GET /query?q=SHOW DATABASES`` →
``{"results": [{"series": [{"name": "databases", "values": [["telegraf"], …]}]}]}`` with HTTP
Basic when ``auth-enabled = true``; refused: 401 ``{"error": "authorization failed"}``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from integrations.base import Context, Endpoint, Integration
from integrations.declarative import OptionalBasicConfig, optional_basic
from integrations.errors import BadResponseError
from integrations.models import ListData, ListRow, RendererKind, Stat, StatData

ID = "influxdb"


class InfluxConfig(OptionalBasicConfig):
    username: str = Field(
        default="", title="User name", description="Only with auth-enabled = true."
    )


class InfluxDB(Integration):
    id = ID
    name = "InfluxDB"
    icon = "📉"
    category = "Monitoring"
    description = "InfluxDB 1.x: up or not, version, databases."
    docs_url = "https://docs.influxdata.com/influxdb/v1/tools/api/"
    config_model = InfluxConfig
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=60, refresh=60, description="Version and databases."),
        Endpoint("databases", "Databases", RendererKind.LIST, ttl=300, refresh=300, description="Every database."),
    )  # fmt: skip

    def _auth(self, ctx: Context) -> tuple[str, str] | None:
        return optional_basic(ctx)

    async def version(self, ctx: Context) -> str:
        response = await ctx.http.request("GET", "/ping")
        version = response.headers.get("x-influxdb-version")
        if not version:
            raise BadResponseError(
                f"{ID}: /ping has no X-Influxdb-Version header (not InfluxDB 1.x?)", integration=ID
            )
        return version

    async def databases(self, ctx: Context) -> list[str]:
        answer: Any = await ctx.http.get_json(
            "/query", params={"q": "SHOW DATABASES"}, auth=self._auth(ctx), what="SHOW DATABASES"
        )
        try:
            result = answer["results"][0]
            if "error" in result:
                raise BadResponseError(f"{ID}: SHOW DATABASES: {result['error']}", integration=ID)
            series = result.get("series") or [{"values": []}]
            return [str(v[0]) for v in series[0]["values"] if v and not str(v[0]).startswith("_")]
        except (KeyError, IndexError, TypeError):
            raise BadResponseError(
                f"{ID}: SHOW DATABASES: unexpected answer", integration=ID
            ) from None

    async def test_connection(self, ctx: Context) -> str:
        version = await self.version(ctx)
        return f"InfluxDB {version} ({len(await self.databases(ctx))} databases)"

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        version = await self.version(ctx)
        return StatData(
            stats=[
                Stat(label="Version", value=version),
                Stat(label="Databases", value=len(await self.databases(ctx))),
            ]
        )

    async def fetch_databases(self, ctx: Context, options: None) -> ListData:
        rows = [ListRow(title=name) for name in await self.databases(ctx)]
        return ListData(rows=rows, total=len(rows), empty_text="No databases")


INTEGRATION = InfluxDB()
