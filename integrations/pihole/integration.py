"""Pi-hole v5 (``admin/api.php``) and v6 (REST API with sessions), detected or chosen.

v5 (https://discourse.pi-hole.net/t/pi-hole-api/1863): ``GET /admin/api.php?summaryRaw&auth=TOKEN``,
``?topItems=10``, ``?disable=300`` / ``?enable``. A wrong token is answered ``[]`` (HTTP 200).

v6 (https://docs.pi-hole.net/api/, the API docs served at ``/api/docs``): ``POST /api/auth``
``{"password"}`` → ``{"session": {"valid", "sid", "validity"}}``; requests carry ``X-FTL-SID``;
``GET /api/stats/summary``, ``GET /api/stats/top_domains?blocked=true``, ``GET|POST
/api/dns/blocking``; ``DELETE /api/auth`` ends the session. Pi-hole counts sessions against
``webserver.api.max_sessions`` (16 by default) and answers 429 "API seats exceeded" past it, so
one session per app is kept until it expires, and released when the dashboard closes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, SecretStr

from integrations._dns import DnsBlocker, DnsSummary, TopDomain
from integrations.base import Context, HttpConfig
from integrations.client import HttpClient, LoginSession
from integrations.declarative import number, whole_number
from integrations.errors import AuthError, BadResponseError, BadStatusError

ID = "pihole"
V5_API = "/admin/api.php"


class PiholeConfig(HttpConfig):
    key: SecretStr = Field(
        default=SecretStr(""),
        title="Password or API token",
        description="v6: the app password (Settings → Web interface / API → Configure app "
        "password) or the web password; v5: the API token (Settings → API → Show API token).",
    )
    version: Literal["auto", "5", "6"] = Field(
        default="auto", title="API version", description="auto: detected once per app."
    )


class PiholeSession(LoginSession):
    """One v6 session per app: reused until it expires, logged out on close."""

    expired_statuses = (401,)

    def __init__(self, password: str) -> None:
        super().__init__()
        self.password = password
        self.sid: str | None = None

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        response = await http.request(
            "POST", "/api/auth", json={"password": self.password}, ok_statuses=(400, 401)
        )
        body = response.json("the login answer")
        session = body.get("session") if isinstance(body, dict) else None
        if (
            response.status_code in (400, 401)
            or not isinstance(session, dict)
            or not session.get("valid")
        ):
            reason = (session or {}).get("message") if isinstance(session, dict) else None
            raise AuthError(
                f"{ID}: login refused: {reason or f'HTTP {response.status_code}'}",
                integration=ID,
                hint="Check the password: an app password (Settings → Web interface / API) or "
                "the web interface password.",
            )
        self.sid = session.get("sid") or None
        validity = number(session.get("validity"))
        headers = {"X-FTL-SID": self.sid} if self.sid else {}  # no password set: no session
        return headers, float(validity) if validity else None

    async def logout(self, http: HttpClient) -> None:
        if self.sid:
            await http.request(
                "DELETE", "/api/auth", headers={"X-FTL-SID": self.sid}, ok_statuses=(401, 404, 410)
            )
            self.sid = None
            self.invalidate()


class Pihole(DnsBlocker):
    id = ID
    name = "Pi-hole"
    icon = "🕳"
    description = "DNS queries and ads blocked, blocking on/off, top blocked (v5 and v6)."
    docs_url = "https://docs.pi-hole.net/api/"
    config_model = PiholeConfig

    # -- versions -------------------------------------------------------------------------------

    async def api_version(self, ctx: Context) -> str:
        """'5' or '6': the setting, or detected once (v6 answers ``/api/auth`` with JSON)."""
        chosen = ctx.config.version
        if chosen != "auto":
            return chosen
        if "pihole_version" not in ctx.state:
            try:
                await ctx.http.request("GET", "/api/auth", ok_statuses=(401,))
                ctx.state["pihole_version"] = "6"
            except BadStatusError as exc:
                if exc.status_code != 404:
                    raise
                ctx.state["pihole_version"] = "5"
        return ctx.state["pihole_version"]

    def session(self, ctx: Context) -> PiholeSession:
        def make() -> PiholeSession:
            session = PiholeSession(ctx.secret("key"))
            ctx.on_close(lambda: session.logout(ctx.http))
            return session

        return ctx.memo("session", make)

    async def v6(self, ctx: Context, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.session(ctx).request(ctx.http, method, path, **kwargs)
        return response.json(path)

    async def v5(self, ctx: Context, **params: str) -> Any:
        answer = await ctx.http.get_json(
            V5_API, params={**params, "auth": ctx.secret("key")}, what=V5_API
        )
        if answer == []:  # v5's way of saying "wrong token"
            raise AuthError(f"{ID}: the API token was refused", integration=ID,
                            hint="Settings → API → Show API token; paste it as the API token.")  # fmt: skip
        if not isinstance(answer, dict):
            raise BadResponseError(f"{ID}: unexpected answer from {V5_API}", integration=ID)
        return answer

    # -- the adapter ----------------------------------------------------------------------------

    async def test_connection(self, ctx: Context) -> str:
        if await self.api_version(ctx) == "6":
            info = await self.v6(ctx, "GET", "/api/info/version")
            core = (((info or {}).get("version") or {}).get("core") or {}).get("local") or {}
            return f"Pi-hole {core.get('version') or 'v6'}"
        summary = await self.summary(ctx)
        return f"Pi-hole v5 ({summary.queries or 0} queries today)"

    async def summary(self, ctx: Context) -> DnsSummary:
        if await self.api_version(ctx) == "5":
            raw = await self.v5(ctx, summaryRaw="")
            _require(raw, "dns_queries_today", V5_API)
            return DnsSummary(
                queries=whole_number(raw.get("dns_queries_today")),
                blocked=whole_number(raw.get("ads_blocked_today")),
                percent=_float(raw.get("ads_percentage_today")),
                blocking=raw.get("status") == "enabled" if "status" in raw else None,
                blocklist_size=whole_number(raw.get("domains_being_blocked")),
            )
        stats = await self.v6(ctx, "GET", "/api/stats/summary")
        blocking = await self.v6(ctx, "GET", "/api/dns/blocking")
        queries = _require(stats, "queries", "/api/stats/summary")
        state = blocking.get("blocking") if isinstance(blocking, dict) else None
        return DnsSummary(
            queries=whole_number(queries.get("total")),
            blocked=whole_number(queries.get("blocked")),
            percent=_float(queries.get("percent_blocked")),
            blocking={"enabled": True, "disabled": False}.get(state)
            if isinstance(state, str)
            else None,
            blocklist_size=whole_number((stats.get("gravity") or {}).get("domains_being_blocked")),
            disabled_for=_float(blocking.get("timer")) if isinstance(blocking, dict) else None,
        )

    async def top_blocked(self, ctx: Context, count: int) -> list[TopDomain]:
        if await self.api_version(ctx) == "5":
            raw = await self.v5(ctx, topItems=str(count))
            ads = _require(raw, "top_ads", V5_API)
            return (
                [TopDomain(str(d), whole_number(n) or 0) for d, n in ads.items()]
                if isinstance(ads, dict)
                else []
            )
        answer = await self.v6(
            ctx, "GET", "/api/stats/top_domains", params={"blocked": "true", "count": str(count)}
        )
        domains = _require(answer, "domains", "/api/stats/top_domains")
        return [TopDomain(str(d.get("domain")), whole_number(d.get("count")) or 0)
                for d in domains if isinstance(d, dict)]  # fmt: skip

    async def set_blocking(self, ctx: Context, enabled: bool, seconds: int | None) -> None:
        if await self.api_version(ctx) == "5":
            params = {"enable": ""} if enabled else {"disable": str(seconds or 0)}
            await self.v5(ctx, **params)
            return
        await self.v6(
            ctx,
            "POST",
            "/api/dns/blocking",
            json={"blocking": enabled, "timer": None if enabled else seconds},
        )


def _require(answer: Any, key: str, what: str) -> Any:
    if not isinstance(answer, dict) or key not in answer:
        raise BadResponseError(f"{ID}: unexpected answer for {what}: no '{key}'", integration=ID)
    return answer[key]


def _float(value: Any) -> float | None:
    n = number(value)
    return float(n) if n is not None else None


INTEGRATION = Pihole()
