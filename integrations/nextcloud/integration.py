"""Nextcloud: active users, files, shares and free space, from the serverinfo app.

``GET /ocs/v2.php/apps/serverinfo/api/v1/info?format=json`` (serverinfo app, bundled) →
``{"ocs": {"meta": {...}, "data": {"nextcloud": {"system": {...}, "storage": {...},
"shares": {...}}, "activeUsers": {...}}}}``. Authenticate with the serverinfo token
(``occ config:app:set serverinfo token --value …``, sent as ``NC-Token``) or with an admin
user and app password (Basic, plus ``OCS-APIRequest: true``). Refused: 401.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from integrations.base import Context, HttpConfig
from integrations.declarative import Credentials, JsonIntegration, JsonStat, StatField
from integrations.homepage import HomepageMapping

INFO = "/ocs/v2.php/apps/serverinfo/api/v1/info"


class NextcloudConfig(HttpConfig):
    token: SecretStr | None = Field(
        default=None,
        title="Serverinfo token",
        description="occ config:app:set serverinfo token --value <random>; or leave empty and "
        "give an admin user with an app password.",
    )
    username: str = Field(default="", title="Admin user")
    password: SecretStr | None = Field(
        default=None, title="App password", description="Personal settings → Security → app password."
    )  # fmt: skip


class _TokenOrBasic:
    def credentials(self, ctx: Context) -> Credentials:
        headers = {"OCS-APIRequest": "true"}
        token = ctx.secret("token")
        if token:
            return Credentials(headers={**headers, "NC-Token": token})
        return Credentials(headers=headers, basic=(ctx.config.username, ctx.secret("password")))


class Nextcloud(JsonIntegration):
    id = "nextcloud"
    name = "Nextcloud"
    icon = "☁"
    category = "Apps"
    description = "Active users, files, shares and free space (serverinfo app)."
    docs_url = "https://github.com/nextcloud/serverinfo"
    config_model = NextcloudConfig
    homepage = HomepageMapping(keys={"key": "token"})
    auth = _TokenOrBasic()  # type: ignore[assignment]
    declared = (
        JsonStat("info", "Server", INFO, params={"format": "json"}, root="ocs.data", ttl=120, fields=(
            StatField("Active users", "activeUsers.last24hours"),
            StatField("Files", "nextcloud.storage.num_files"),
            StatField("Shares", "nextcloud.shares.num_shares"),
            StatField("Free space", "nextcloud.system.freespace", unit="B"),
        )),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        answer: Any = await self.get(ctx, INFO, {"format": "json"})
        version = StatField("v", "ocs.data.nextcloud.system.version", text=True)
        return f"Nextcloud {version.read(answer, INFO, self.id)}"


INTEGRATION = Nextcloud()
