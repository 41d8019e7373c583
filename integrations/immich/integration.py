"""Immich: users, photos, videos and storage used.

API (https://immich.app/docs/api): since v1.106 ``GET /api/server/version`` and
``GET /api/server/statistics`` (admin key); before, ``/api/server-info/version`` and
``/api/server-info/statistics``. The generation is detected once per app (the new path answers
404 on old servers) and remembered. The key goes in ``x-api-key`` (Account settings → API Keys;
statistics need an admin's key); a wrong key is answered 401.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.declarative import HeaderKey, JsonIntegration, StatField, api_key_config
from integrations.errors import BadResponseError, BadStatusError
from integrations.homepage import HomepageMapping
from integrations.models import RendererKind, StatData

GENERATIONS = ("/api/server", "/api/server-info")  # newest first
USERS, PHOTOS, VIDEOS = (
    StatField("Users"),
    StatField("Photos", "photos"),
    StatField("Videos", "videos"),
)
STORAGE = StatField("Storage", "usage", unit="B")


class Immich(JsonIntegration):
    id = "immich"
    name = "Immich"
    icon = "🖼"
    category = "Apps"
    description = "Users, photos, videos and storage used (API v1 and v2 detected)."
    docs_url = "https://immich.app/docs/api"
    config_model = api_key_config("Account settings → API Keys → New API key (an admin's).")
    auth = HeaderKey("x-api-key")
    homepage = HomepageMapping(ignore=frozenset({"version"}))
    endpoints = (
        Endpoint("stats", "Library", RendererKind.STAT, ttl=300, refresh=300,
                 description="Users, photos, videos and storage."),
    )  # fmt: skip

    async def _base(self, ctx: Context) -> tuple[str, Any]:
        """(API prefix, version answer), probing the newest generation first."""
        known = ctx.state.get("immich_base")
        for base in (known,) if known else GENERATIONS:
            try:
                version = await self.get(ctx, f"{base}/version")
            except BadStatusError as exc:
                if exc.status_code == 404 and base != GENERATIONS[-1]:
                    continue
                raise
            ctx.state["immich_base"] = base
            return base, version
        raise AssertionError("unreachable")  # pragma: no cover

    async def test_connection(self, ctx: Context) -> str:
        _, version = await self._base(ctx)
        if not isinstance(version, dict):
            raise BadResponseError("immich: unexpected version answer", integration=self.id)
        numbers = ".".join(str(version.get(k, "?")) for k in ("major", "minor", "patch"))
        return f"Immich {numbers}"

    async def fetch_stats(self, ctx: Context, options: None) -> StatData:
        base, _ = await self._base(ctx)
        path = f"{base}/statistics"
        answer = await self.get(ctx, path)
        users = answer.get("usageByUser") if isinstance(answer, dict) else None
        return StatData(stats=[
            USERS.stat(len(users) if isinstance(users, list) else None),
            PHOTOS.stat(PHOTOS.read(answer, path, self.id)),
            VIDEOS.stat(VIDEOS.read(answer, path, self.id)),
            STORAGE.stat(STORAGE.read(answer, path, self.id)),
        ])  # fmt: skip


INTEGRATION = Immich()
