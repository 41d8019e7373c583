"""UniFi Network: WAN status, clients on LAN and Wi-Fi, devices; a WAN outage is critical.

Classic controller API (as the UniFi web UI uses it; Homepage's and Homarr's widgets read the
same): ``GET {prefix}/api/s/{site}/stat/health`` → ``{"meta": {"rc": "ok"}, "data": [{"subsystem":
"wan"|"lan"|"wlan"|"www"|"vpn", "status": "ok"|"error"|…, "num_user", "num_adopted", …}]}``.
On UniFi OS consoles (UDM, Cloud Key Gen2+) the prefix is ``/proxy/network`` and login is
``POST /api/auth/login`` (cookie ``TOKEN`` plus an ``X-CSRF-Token`` header); a legacy
controller logs in with ``POST /api/login`` (cookie ``unifises``). Both are detected. An API key
(UniFi OS 4+: Settings → Control Plane → Integrations) goes in ``X-API-KEY`` instead of a login.
Use a local, read-only account.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr, model_validator

from integrations.base import Context, Endpoint, HttpConfig
from integrations.client import HttpClient, LoginSession
from integrations.declarative import JsonIntegration, StatField, number
from integrations.errors import AuthError, BadResponseError, BadStatusError
from integrations.models import Alert, FetchResult, RendererKind, Severity, Stat, StatData

ID = "unifi"


class UnifiConfig(HttpConfig):
    api_key: SecretStr | None = Field(
        default=None,
        title="API key",
        description="UniFi OS 4+: Settings → Control Plane → Integrations. Or use a user below.",
    )
    username: str = Field(
        default="",
        title="User name",
        description="A local read-only account (not a UI.com account).",
    )
    password: SecretStr | None = Field(default=None, title="Password")
    site: str = Field(default="default", title="Site", description="The site id from the URL (…/manage/<site>/…); usually 'default'.")  # fmt: skip

    @model_validator(mode="after")
    def _one_way_in(self) -> UnifiConfig:
        if not self.api_key and not self.username:
            raise ValueError("give an API key, or a user name and password")
        return self


class UnifiSession(LoginSession):
    """Cookie login; remembers whether this is a UniFi OS console (prefix ``/proxy/network``)."""

    expired_statuses = (401,)

    def __init__(self, username: str, password: str) -> None:
        super().__init__()
        self.username, self.password = username, password
        self.prefix = ""

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        body = {"username": self.username, "password": self.password, "remember": True}
        try:
            response = await http.request(
                "POST", "/api/auth/login", json=body, ok_statuses=(400, 401, 403)
            )
            self.prefix = "/proxy/network"
        except BadStatusError as exc:
            if exc.status_code != 404:
                raise
            response = await http.request(
                "POST", "/api/login", json=body, ok_statuses=(400, 401, 403)
            )
            self.prefix = ""
        if response.status_code in (400, 401, 403):
            raise AuthError(f"{ID}: login refused (HTTP {response.status_code})", integration=ID,
                            hint="Use a local account of the console (Settings → Admins), not a UI.com login.")  # fmt: skip
        csrf = response.headers.get("x-csrf-token") or response.headers.get("x-updated-csrf-token")
        return ({"X-CSRF-Token": csrf} if csrf else {}), None


class Unifi(JsonIntegration):
    id = ID
    name = "UniFi Network"
    icon = "📶"
    category = "Network"
    description = "WAN status, clients on LAN and Wi-Fi, adopted devices; a WAN outage is critical."
    docs_url = "https://ubntwiki.com/products/software/unifi-controller/api"
    config_model = UnifiConfig
    endpoints = (
        Endpoint("health", "Network", RendererKind.STAT, ttl=30, refresh=30,
                 description="WAN status, LAN and Wi-Fi clients, devices."),
    )  # fmt: skip

    async def health(self, ctx: Context) -> list[dict[str, Any]]:
        path = f"/api/s/{ctx.config.site}/stat/health"
        key = ctx.secret("api_key")
        if key:
            full = f"/proxy/network{path}"
            answer = await ctx.http.get_json(
                full, headers={"X-API-KEY": key, "Accept": "application/json"}, what=full
            )
        else:
            session = ctx.memo(
                "session", lambda: UnifiSession(ctx.config.username, ctx.secret("password"))
            )
            await session.current(ctx.http)  # log in first: the prefix depends on the console
            full = f"{session.prefix}{path}"
            answer = await session.get_json(ctx.http, full)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, list):
            raise BadResponseError(f"{ID}: {full}: no 'data' list (wrong site id?)", integration=ID)
        return [d for d in data if isinstance(d, dict)]

    async def test_connection(self, ctx: Context) -> str:
        subsystems = await self.health(ctx)
        return f"UniFi Network: site {ctx.config.site} ({len(subsystems)} subsystems)"

    async def fetch_health(self, ctx: Context, options: None) -> FetchResult:
        parts = {d.get("subsystem"): d for d in await self.health(ctx)}
        wan = parts.get("wan", {})
        wan_status = str(wan.get("status") or "unknown")
        wan_level = (
            Severity.OK
            if wan_status == "ok"
            else Severity.CRITICAL
            if wan_status == "error"
            else Severity.WARNING
        )
        devices = sum(int(number(p.get("num_adopted")) or 0) for p in parts.values())
        stats = [
            Stat(label="WAN", value=wan_status, level=wan_level),
            StatField("LAN clients").stat(number(parts.get("lan", {}).get("num_user"))),
            StatField("Wi-Fi clients").stat(number(parts.get("wlan", {}).get("num_user"))),
            StatField("Devices").stat(devices),
        ]
        alerts = [] if wan_level is not Severity.CRITICAL else [
            Alert(severity=Severity.CRITICAL, key="wan", message=f"WAN is {wan_status}")
        ]  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=alerts)


INTEGRATION = Unifi()
