"""Beszel: systems it monitors — up or down, CPU, memory, disk; a down system is critical.

Beszel's hub is a PocketBase app (https://pocketbase.io/docs/api-records/, Beszel's
``systems`` collection): ``POST /api/collections/users/auth-with-password`` ``{"identity",
"password"}`` → ``{"token"}`` (refused: 400 "Failed to authenticate."); ``GET
/api/collections/systems/records`` with ``Authorization: <token>`` → ``{"items": [{"name",
"status": "up"|"down"|"paused"|"pending", "info": {"cpu", "mp", "dp", "u"}}]}`` (CPU, memory
and disk in percent, uptime in seconds).
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.client import HttpClient, LoginSession
from integrations.declarative import JsonIntegration, UserPasswordConfig, number
from integrations.errors import AuthError, BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import (
    Alert,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)

ID = "beszel"
RECORDS = "/api/collections/systems/records"
_LEVELS = {
    "up": Severity.OK,
    "down": Severity.CRITICAL,
    "paused": Severity.INFO,
    "pending": Severity.INFO,
}


class BeszelSession(LoginSession):
    expired_statuses = (401, 403)

    def __init__(self, identity: str, password: str) -> None:
        super().__init__()
        self.identity, self.password = identity, password

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        response = await http.request(
            "POST", "/api/collections/users/auth-with-password",
            json={"identity": self.identity, "password": self.password}, ok_statuses=(400,),
        )  # fmt: skip
        body = response.json("the login answer")
        if response.status_code == 400 or not isinstance(body, dict) or not body.get("token"):
            reason = body.get("message") if isinstance(body, dict) else None
            raise AuthError(f"{ID}: login refused: {reason or 'no token'}", integration=ID,
                            hint="Use the e-mail and password you sign in to Beszel with.")  # fmt: skip
        return {"Authorization": str(body["token"])}, None


class Beszel(JsonIntegration):
    id = ID
    name = "Beszel"
    icon = "📈"
    category = "Monitoring"
    description = "Systems up or down with CPU, memory and disk; a down system is critical."
    docs_url = "https://beszel.dev/"
    config_model = UserPasswordConfig
    homepage = HomepageMapping(ignore=frozenset({"version", "systemId"}))
    endpoints = (
        Endpoint("summary", "Systems", RendererKind.STAT, ttl=60, refresh=60,
                 description="Systems up, down, paused."),
        Endpoint("systems", "System list", RendererKind.LIST, ttl=60, refresh=60,
                 description="Each system: status, CPU, memory and disk use."),
    )  # fmt: skip

    async def systems(self, ctx: Context) -> list[dict[str, Any]]:
        session = ctx.memo(
            "session", lambda: BeszelSession(ctx.config.username, ctx.secret("password"))
        )
        answer = await session.get_json(
            ctx.http, RECORDS, params={"sort": "name", "perPage": "200"}
        )
        items = answer.get("items") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise BadResponseError(f"{ID}: {RECORDS}: no 'items' list", integration=ID)
        return [i for i in items if isinstance(i, dict)]

    async def test_connection(self, ctx: Context) -> str:
        return f"Beszel: {len(await self.systems(ctx))} systems"

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        systems = await self.systems(ctx)
        count = {s: sum(i.get("status") == s for i in systems) for s in ("up", "down", "paused")}
        stats = [
            Stat(label="Up", value=count["up"]),
            Stat(
                label="Down",
                value=count["down"],
                level=Severity.CRITICAL if count["down"] else Severity.OK,
            ),
            Stat(label="Paused", value=count["paused"]),
        ]
        return FetchResult(data=StatData(stats=stats), alerts=_alerts(systems))

    async def fetch_systems(self, ctx: Context, options: None) -> FetchResult:
        systems = await self.systems(ctx)
        rows = []
        for s in systems:
            info = s.get("info") if isinstance(s.get("info"), dict) else {}
            parts = [f"{label} {v:.0f}%" for label, key in (("CPU", "cpu"), ("mem", "mp"), ("disk", "dp"))
                     if (v := number(info.get(key))) is not None and v == v and abs(v) != float("inf")]  # fmt: skip
            status = str(s.get("status") or "")
            rows.append(ListRow(title=str(s.get("name") or "?"), detail=" · ".join(parts), status=status,
                                level=_LEVELS.get(status, Severity.INFO)))  # fmt: skip
        rows.sort(key=lambda r: -r.level.rank)
        return FetchResult(
            data=ListData(rows=rows, total=len(rows), empty_text="No systems"),
            alerts=_alerts(systems),
        )


def _alerts(systems: list[dict[str, Any]]) -> list[Alert]:
    return [Alert(severity=Severity.CRITICAL, key=f"system:{s.get('id') or s.get('name')}",
                  message=f"system {s.get('name') or '?'} is down") for s in systems if s.get("status") == "down"]  # fmt: skip


INTEGRATION = Beszel()
