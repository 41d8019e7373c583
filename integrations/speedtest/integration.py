"""Speedtest Tracker: the latest download, upload and ping, for both API generations.

v1 (``/api/speedtest/latest``, no auth): ``{"data": {"download", "upload"}}`` in Mbit/s and
``ping`` in ms. v2 (``/api/v1/results/latest``, ``Authorization: Bearer`` with an API token from
the admin panel): ``{"data": {"download", "upload"}}`` in bytes per second, ``ping`` in ms,
``status``. Which one is used follows the token: with a token, v2; without, v1.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig
from integrations.declarative import JsonIntegration, StatField, number
from integrations.errors import BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import RendererKind, StatData

ID = "speedtest"
V1, V2 = "/api/speedtest/latest", "/api/v1/results/latest"
DOWN, UP = StatField("Download", unit="B/s"), StatField("Upload", unit="B/s")
PING = StatField("Ping", unit="ms", warning_above=100)


class SpeedtestConfig(HttpConfig):
    api_key: SecretStr | None = Field(
        default=None, title="API token",
        description="v2 (1.0+): Admin panel → API tokens (read ability). Leave empty for v0.x.",
    )  # fmt: skip


class Speedtest(JsonIntegration):
    id = ID
    name = "Speedtest Tracker"
    icon = "🚀"
    category = "Network"
    description = "The latest internet speed test: download, upload, ping."
    docs_url = "https://docs.speedtest-tracker.dev/api"
    config_model = SpeedtestConfig
    homepage = HomepageMapping(ignore=frozenset({"version", "bitratePrecision"}))
    endpoints = (
        Endpoint("latest", "Latest test", RendererKind.STAT, ttl=300, refresh=300,
                 description="Download and upload (B/s) and ping (ms) of the newest result."),
    )  # fmt: skip

    async def latest(self, ctx: Context) -> tuple[dict[str, Any], float]:
        """(result, factor to B/s) from whichever API generation the settings point at."""
        token = ctx.secret("api_key")
        if token:
            answer = await ctx.http.get_json(
                V2,
                headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                what=V2,
            )
            factor, path = 1.0, V2
        else:
            answer = await ctx.http.get_json(V1, what=V1)
            factor, path = 1_000_000 / 8, V1  # Mbit/s
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict) or "download" not in data:
            raise BadResponseError(
                f"{ID}: unexpected answer for {path}: no data.download", integration=ID
            )
        return data, factor

    async def test_connection(self, ctx: Context) -> str:
        data, _ = await self.latest(ctx)
        return f"Speedtest Tracker: latest result from {data.get('created_at') or 'unknown time'}"

    async def fetch_latest(self, ctx: Context, options: None) -> StatData:
        data, factor = await self.latest(ctx)

        def rate(key: str) -> float | None:
            value = number(data.get(key))
            return value * factor if value is not None else None

        return StatData(
            stats=[
                DOWN.stat(rate("download")),
                UP.stat(rate("upload")),
                PING.stat(number(data.get("ping"))),
            ]
        )


INTEGRATION = Speedtest()
