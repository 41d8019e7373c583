"""Node-RED: flows deployed and disabled, nodes, version.

Admin HTTP API (https://nodered.org/docs/api/admin/): with ``adminAuth`` set, ``POST /auth/token``
(form: ``client_id=node-red-admin``, ``grant_type=password``, ``scope=*``, ``username``,
``password``) → ``{"access_token", "expires_in"}`` (refused: 403 ``invalid_grant``), then
``Authorization: Bearer``; without ``adminAuth`` no login is needed. ``GET /flows`` with
``Node-RED-API-Version: v2`` → ``{"flows": [{"type": "tab", "label", "disabled"}, nodes…]}``;
``GET /settings`` → ``version``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from integrations.base import Context, Endpoint, Integration
from integrations.client import HttpClient, LoginSession
from integrations.declarative import OptionalBasicConfig, number
from integrations.errors import AuthError, BadResponseError
from integrations.models import ListData, ListRow, RendererKind, Severity, Stat, StatData

ID = "nodered"


class NodeRedConfig(OptionalBasicConfig):
    username: str = Field(
        default="", title="User name", description="Only when adminAuth is set in settings.js."
    )


class NodeRedSession(LoginSession):
    expired_statuses = (401,)

    def __init__(self, username: str, password: str) -> None:
        super().__init__()
        self.username, self.password = username, password

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        if not self.username:
            return {}, None
        form = {"client_id": "node-red-admin", "grant_type": "password", "scope": "*",
                "username": self.username, "password": self.password}  # fmt: skip
        response = await http.request("POST", "/auth/token", data=form, ok_statuses=(401, 403))
        body = response.json("the login answer")
        if (
            response.status_code in (401, 403)
            or not isinstance(body, dict)
            or not body.get("access_token")
        ):
            reason = body.get("error_description") if isinstance(body, dict) else None
            raise AuthError(
                f"{ID}: login refused: {reason or response.status_code}", integration=ID
            )
        return {"Authorization": f"Bearer {body['access_token']}"}, number(body.get("expires_in"))


class NodeRed(Integration):
    id = ID
    name = "Node-RED"
    icon = "🔴"
    category = "Apps"
    description = "Flows deployed and disabled, nodes in them, Node-RED version."
    docs_url = "https://nodered.org/docs/api/admin/"
    config_model = NodeRedConfig
    endpoints = (
        Endpoint("flows", "Flows", RendererKind.STAT, ttl=60, refresh=60, description="Flows enabled and disabled, nodes."),
        Endpoint("flow_list", "Flow list", RendererKind.LIST, ttl=60, refresh=60, description="Every flow tab, enabled or not."),
    )  # fmt: skip

    def session(self, ctx: Context) -> NodeRedSession:
        return ctx.memo(
            "session", lambda: NodeRedSession(ctx.config.username, ctx.secret("password"))
        )

    async def get(self, ctx: Context, path: str, **headers: str) -> Any:
        return await self.session(ctx).get_json(ctx.http, path, headers=headers or None)

    async def flows(self, ctx: Context) -> list[dict[str, Any]]:
        answer = await self.get(ctx, "/flows", **{"Node-RED-API-Version": "v2"})
        flows = answer.get("flows") if isinstance(answer, dict) else None
        if not isinstance(flows, list):
            raise BadResponseError(f"{ID}: /flows: no 'flows' list", integration=ID)
        return [f for f in flows if isinstance(f, dict)]

    async def test_connection(self, ctx: Context) -> str:
        settings = await self.get(ctx, "/settings")
        return (
            f"Node-RED {settings.get('version', '') if isinstance(settings, dict) else ''}".rstrip()
        )

    async def fetch_flows(self, ctx: Context, options: None) -> StatData:
        flows = await self.flows(ctx)
        tabs = [f for f in flows if f.get("type") == "tab"]
        return StatData(stats=[
            Stat(label="Flows", value=sum(not t.get("disabled") for t in tabs)),
            Stat(label="Disabled", value=sum(bool(t.get("disabled")) for t in tabs)),
            Stat(label="Nodes", value=sum(f.get("type") not in ("tab", "subflow") and "z" in f for f in flows)),
        ])  # fmt: skip

    async def fetch_flow_list(self, ctx: Context, options: None) -> ListData:
        flows = await self.flows(ctx)
        counts: dict[str, int] = {}
        for f in flows:
            if "z" in f:
                counts[str(f["z"])] = counts.get(str(f["z"]), 0) + 1
        rows = [ListRow(title=str(t.get("label") or t.get("id")), detail=f"{counts.get(str(t.get('id')), 0)} nodes",
                        status="disabled" if t.get("disabled") else "", level=Severity.INFO if t.get("disabled") else Severity.OK)
                for t in flows if t.get("type") == "tab"]  # fmt: skip
        return ListData(rows=rows, total=len(rows), empty_text="No flows")


INTEGRATION = NodeRed()
