"""Homebridge: the homebridge-config-ui-x API behind a bearer token from a form login.

``POST /api/auth/login {"username", "password"}`` answers 201 with ``access_token`` and
``expires_in`` (8 hours by default); a wrong password is a 403 there, an expired or foreign token
a 401 on later calls, which :class:`HomebridgeSession` answers with one new login.

Everything shown works offline: ``/api/status/homebridge`` (up/down/pending),
``/api/status/homebridge-version``, ``/api/status/nodejs`` and ``/api/plugins`` carry the installed
versions and ``updateAvailable`` flags the UI computes (from its npm cache; without internet it
simply reports no updates).
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.client import HttpClient, LoginSession
from integrations.concurrency import all_of
from integrations.errors import AuthError
from integrations.homebridge.api import Login, NodeJs, Package, Plugins, Status
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)

ID = "homebridge"
STATUS_LEVEL = {"up": Severity.OK, "pending": Severity.WARNING, "down": Severity.CRITICAL}


class HomebridgeConfig(HttpConfig):
    username: str = Field(min_length=1, title="User name", description="A Homebridge UI user.")
    password: SecretStr = Field(title="Password", description="That user's password.")


class HomebridgeSession(LoginSession):
    """Form login → ``Authorization: Bearer`` until ``expires_in``."""

    expired_statuses = (401,)

    def __init__(self, username: str, password: str) -> None:
        super().__init__()
        self.username = username
        self.password = password

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        response = await http.request(
            "POST",
            "/api/auth/login",
            json={"username": self.username, "password": self.password},
            ok_statuses=(401, 403),
        )
        if response.status_code in (401, 403):
            raise AuthError(
                f"{ID}: login refused for {self.username} (HTTP {response.status_code})",
                integration=ID,
            )
        login = parse_model(Login, response.json("the login"), integration=ID, what="the login")
        return {"Authorization": f"Bearer {login.access_token}"}, login.expires_in


def session(ctx: Context) -> HomebridgeSession:
    return ctx.memo(
        "session", lambda: HomebridgeSession(ctx.config.username, ctx.secret("password"))
    )


async def _get(ctx: Context, path: str, what: str) -> object:
    return await session(ctx).get_json(ctx.http, path, what=what)


async def _status(ctx: Context) -> Status:
    body = await _get(ctx, "/api/status/homebridge", "the Homebridge status")
    return parse_model(Status, body, integration=ID, what="/api/status/homebridge")


async def _core(ctx: Context) -> Package:
    body = await _get(ctx, "/api/status/homebridge-version", "the Homebridge version")
    return parse_model(Package, body, integration=ID, what="/api/status/homebridge-version")


async def _node(ctx: Context) -> NodeJs:
    body = await _get(ctx, "/api/status/nodejs", "the Node.js version")
    return parse_model(NodeJs, body, integration=ID, what="/api/status/nodejs")


async def _plugins(ctx: Context) -> list[Package]:
    body = await _get(ctx, "/api/plugins", "the plugins")
    return parse_model(Plugins, body, integration=ID, what="/api/plugins").root


def _update(package: Package) -> str:
    return f"{package.installed_version} → {package.latest_version or 'newer'}"


class Homebridge(Integration):
    id = ID
    name = "Homebridge"
    icon = "🏡"
    category = "Home automation"
    description = "Homebridge status and versions, updates for Homebridge, Node.js and plugins."
    docs_url = "https://github.com/homebridge/homebridge-config-ui-x/wiki/API-Reference"
    config_model = HomebridgeConfig
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=30, refresh=30,
                 description="Whether Homebridge runs, its version and the Node.js version."),
        Endpoint("updates", "Updates", RendererKind.ALERT, ttl=600, refresh=600,
                 description="Updates for Homebridge, Node.js and plugins; Homebridge down."),
        Endpoint("plugins", "Plugins", RendererKind.LIST, ttl=600, refresh=600,
                 description="Installed plugins with their versions and updates."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        status, core = await all_of(_status(ctx), _core(ctx))
        return f"Homebridge {core.installed_version} ({status.status})"

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        status, core, node = await all_of(_status(ctx), _core(ctx), _node(ctx))
        return StatData(
            stats=[
                Stat(
                    label="Status",
                    value=status.status,
                    level=STATUS_LEVEL.get(status.status, Severity.WARNING),
                ),
                Stat(
                    label="Version",
                    value=core.installed_version,
                    level=Severity.INFO if core.update_available else Severity.OK,
                ),
                Stat(
                    label="Node.js",
                    value=node.current_version,
                    level=Severity.WARNING if node.unsupported else Severity.OK,
                ),
            ]
        )

    async def fetch_updates(self, ctx: Context, options: None) -> FetchResult:
        status, core, node, plugins = await all_of(
            _status(ctx), _core(ctx), _node(ctx), _plugins(ctx)
        )
        alerts = []
        if status.status != "up":
            alerts.append(
                Alert(
                    severity=STATUS_LEVEL.get(status.status, Severity.WARNING),
                    message=f"Homebridge is {status.status}",
                    key="status:homebridge",
                )
            )
        if core.update_available:
            alerts.append(
                Alert(
                    severity=Severity.WARNING,
                    message=f"Homebridge update: {_update(core)}",
                    key="update:homebridge",
                )
            )
        if node.unsupported:
            alerts.append(
                Alert(
                    severity=Severity.WARNING,
                    message=f"Node.js {node.current_version} is not supported by Homebridge",
                    key="node:unsupported",
                )
            )
        elif node.update_available:
            alerts.append(
                Alert(
                    severity=Severity.INFO,
                    message=f"Node.js update: {node.current_version} → {node.latest_version}",
                    key="update:node",
                )
            )
        alerts.extend(
            Alert(
                severity=Severity.INFO,
                message=f"Plugin update: {p.title} {_update(p)}",
                key=f"update:{p.name}",
            )
            for p in plugins
            if p.update_available
        )
        return FetchResult(data=AlertData(alerts=alerts, ok_text="Up to date"), alerts=alerts)

    async def fetch_plugins(self, ctx: Context, options: None) -> ListData:
        rows = [
            ListRow(
                title=p.title,
                detail=f"{p.name} {p.installed_version or ''}".strip(),
                status="update" if p.update_available else ("disabled" if p.disabled else ""),
                level=Severity.INFO if p.update_available else Severity.OK,
            )
            for p in sorted(await _plugins(ctx), key=lambda p: p.title.lower())
        ]
        return ListData(rows=rows, total=len(rows), empty_text="No plugins installed")


INTEGRATION = Homebridge()
