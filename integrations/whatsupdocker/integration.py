"""What's up Docker (WUD): containers watched and those with an image update available.

API (https://getwud.github.io/wud/#/api/containers): ``GET /api/containers`` → a list of
``{"name", "watcher", "image": {"tag": {"value"}}, "updateAvailable": bool, "result":
{"tag"}}``. No authentication unless Basic auth is enabled in WUD.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from integrations.base import Context, Endpoint
from integrations.declarative import (
    Basic,
    JsonIntegration,
    OptionalBasicConfig,
    StatField,
)
from integrations.errors import BadResponseError
from integrations.models import ListData, ListRow, RendererKind, Severity, StatData

CONTAINERS = "/api/containers"


class WudConfig(OptionalBasicConfig):
    username: str = Field(default="", title="User name", description="Only with WUD's Basic auth.")


def _tag(container: dict[str, Any], *path: str) -> str:
    value: Any = container
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return str(value) if value not in (None, "") else ""


class WhatsUpDocker(JsonIntegration):
    id = "whatsupdocker"
    name = "What's up Docker"
    icon = "🆙"
    category = "Infrastructure"
    description = "Containers watched and those with an image update available."
    docs_url = "https://getwud.github.io/wud/#/api/containers"
    config_model = WudConfig
    auth = Basic(optional=True)
    endpoints = (
        Endpoint("updates", "Updates", RendererKind.STAT, ttl=300, refresh=300,
                 description="Containers watched and updates available."),
        Endpoint("containers", "Containers", RendererKind.LIST, ttl=300, refresh=300,
                 description="Each container: current tag, and the new one when there is one."),
    )  # fmt: skip

    async def _containers(self, ctx: Context) -> list[dict[str, Any]]:
        answer = await self.get(ctx, CONTAINERS)
        if not isinstance(answer, list):
            raise BadResponseError(
                f"whatsupdocker: {CONTAINERS} is not a list", integration=self.id
            )
        return [c for c in answer if isinstance(c, dict)]

    async def test_connection(self, ctx: Context) -> str:
        return f"What's up Docker: {len(await self._containers(ctx))} containers"

    async def fetch_updates(self, ctx: Context, options: None) -> StatData:
        containers = await self._containers(ctx)
        updates = sum(1 for c in containers if c.get("updateAvailable") is True)
        return StatData(stats=[
            StatField("Monitoring").stat(len(containers)),
            StatField("Updates", warning_above=0).stat(updates),
        ])  # fmt: skip

    async def fetch_containers(self, ctx: Context, options: None) -> ListData:
        rows = []
        for c in await self._containers(ctx):
            update = c.get("updateAvailable") is True
            current, new = _tag(c, "image", "tag", "value"), _tag(c, "result", "tag")
            rows.append(ListRow(
                title=_tag(c, "name") or "(unnamed)",
                detail=f"{current} → {new}" if update and new else current,
                status="update" if update else "",
                level=Severity.WARNING if update else Severity.OK,
            ))  # fmt: skip
        rows.sort(key=lambda r: (-r.level.rank, r.title))
        return ListData(rows=rows, total=len(rows), empty_text="No containers watched")


INTEGRATION = WhatsUpDocker()
