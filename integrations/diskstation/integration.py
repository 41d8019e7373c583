"""Synology DiskStation (DSM 7): volumes and their health, CPU, memory, temperature.

Web API (Synology's "DSM Login Web API Guide" and "File Station API"): log in with
``GET /webapi/entry.cgi?api=SYNO.API.Auth&version=6&method=login&account=…&passwd=…&format=sid``
→ ``{"success": true, "data": {"sid"}}`` (refused: ``{"success": false, "error": {"code": 400}}``;
403/406 mean two-factor authentication is required), then pass ``_sid`` to
``SYNO.Core.System`` ``info``, ``SYNO.Core.System.Utilization`` ``get`` and
``SYNO.Storage.CGI.Storage`` ``load_info``; ``method=logout`` ends the session. A dedicated
DSM user without 2FA in the administrators group is needed for storage information.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.client import HttpClient, LoginSession
from integrations.declarative import JsonIntegration, StatField, UserPasswordConfig, number
from integrations.errors import AuthError, BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import Alert, FetchResult, RendererKind, Severity, StatData

ID = "diskstation"
ENTRY = "/webapi/entry.cgi"
_LOGIN_ERRORS = {400: "wrong user name or password", 401: "the account is disabled",
                 402: "permission denied", 403: "two-factor authentication is required",
                 406: "two-factor authentication must be set up", 407: "this address is blocked"}  # fmt: skip


class SynologySession(LoginSession):
    """DSM's ``sid``; sent as the ``_sid`` parameter (kept here, not in headers)."""

    expired_statuses = ()  # DSM says "session expired" in the body (codes 106, 107, 119)

    def __init__(self, account: str, password: str) -> None:
        super().__init__()
        self.account, self.password = account, password
        self.sid = ""

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        params = {"api": "SYNO.API.Auth", "version": "6", "method": "login", "account": self.account,
                  "passwd": self.password, "session": "launcher-tui", "format": "sid"}  # fmt: skip
        body = await http.get_json(ENTRY, params=params, what="the login")
        if not isinstance(body, dict) or not body.get("success"):
            code = ((body or {}).get("error") or {}).get("code") if isinstance(body, dict) else None
            raise AuthError(f"{ID}: login refused: {_LOGIN_ERRORS.get(code, f'error {code}')}", integration=ID,
                            hint="Use a DSM user without two-factor authentication (an administrator, for storage).")  # fmt: skip
        self.sid = str((body.get("data") or {}).get("sid") or "")
        return {}, None

    async def logout(self, http: HttpClient) -> None:
        if self.sid:
            await http.request("GET", ENTRY, params={"api": "SYNO.API.Auth", "version": "6", "method": "logout",
                                                     "session": "launcher-tui", "_sid": self.sid})  # fmt: skip
            self.sid = ""


class DiskStation(JsonIntegration):
    id = ID
    name = "Synology DiskStation"
    icon = "🗃"
    category = "Infrastructure"
    description = (
        "Volumes used and their health, CPU, memory, temperature; a degraded volume is critical."
    )
    docs_url = "https://global.download.synology.com/download/Document/Software/DeveloperGuide/Os/DSM/All/enu/DSM_Login_Web_API_Guide_enu.pdf"
    config_model = UserPasswordConfig
    homepage = HomepageMapping(ignore=frozenset({"volume"}))
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=60, refresh=60,
                 description="Volume use, volumes in trouble, CPU and memory use, temperature."),
    )  # fmt: skip

    def session(self, ctx: Context) -> SynologySession:
        def make() -> SynologySession:
            session = SynologySession(ctx.config.username, ctx.secret("password"))
            ctx.on_close(lambda: session.logout(ctx.http))
            return session

        return ctx.memo("session", make)

    async def api(self, ctx: Context, api: str, method: str, version: str = "1") -> dict[str, Any]:
        session = self.session(ctx)
        for attempt in (1, 2):
            await session.current(ctx.http)
            body = await ctx.http.get_json(ENTRY, params={"api": api, "version": version, "method": method,
                                                          "_sid": session.sid}, what=api)  # fmt: skip
            if isinstance(body, dict) and body.get("success"):
                data = body.get("data")
                return data if isinstance(data, dict) else {}
            code = ((body or {}).get("error") or {}).get("code") if isinstance(body, dict) else None
            if (
                code in (106, 107, 119) and attempt == 1
            ):  # session timed out / interrupted / invalid
                session.invalidate()
                continue
            raise BadResponseError(f"{ID}: {api} {method} failed (error {code})", integration=ID)
        raise AssertionError("unreachable")

    async def test_connection(self, ctx: Context) -> str:
        info = await self.api(ctx, "SYNO.Core.System", "info", "1")
        return f"Synology {info.get('model', 'DiskStation')} DSM {info.get('firmware_ver', '')}".rstrip()

    async def fetch_status(self, ctx: Context, options: None) -> FetchResult:
        storage = await self.api(ctx, "SYNO.Storage.CGI.Storage", "load_info")
        usage = await self.api(ctx, "SYNO.Core.System.Utilization", "get")
        info = await self.api(ctx, "SYNO.Core.System", "info")
        volumes = [v for v in storage.get("volumes") or [] if isinstance(v, dict)]
        total = sum(number((v.get("size") or {}).get("total")) or 0 for v in volumes)
        used = sum(number((v.get("size") or {}).get("used")) or 0 for v in volumes)
        bad = [v for v in volumes if str(v.get("status", "normal")).lower() not in ("normal", "")]
        cpu = usage.get("cpu") if isinstance(usage.get("cpu"), dict) else {}
        memory = usage.get("memory") if isinstance(usage.get("memory"), dict) else {}
        cpu_load = sum(number(cpu.get(k)) or 0 for k in ("user_load", "system_load", "other_load"))
        stats = [
            StatField("Volumes used", unit="%", warning_above=85, critical_above=95).stat(
                round(100 * used / total, 1) if total else None
            ),
            StatField("Volumes in trouble", critical_above=0).stat(len(bad)),
            StatField("CPU", unit="%").stat(cpu_load if cpu else None),
            StatField("Memory", unit="%").stat(number(memory.get("real_usage"))),
            StatField("Temperature", unit="°C", warning_above=60).stat(
                number(info.get("sys_temp") or info.get("temperature"))
            ),
        ]
        alerts = [Alert(severity=Severity.CRITICAL, key=f"volume:{v.get('id')}",
                        message=f"volume {v.get('display_name') or v.get('id')} is {v.get('status')}") for v in bad]  # fmt: skip
        if not volumes and "volumes" not in storage:
            raise BadResponseError(
                f"{ID}: storage information has no volumes (is the user an administrator?)",
                integration=ID,
            )
        return FetchResult(data=StatData(stats=stats), alerts=alerts)


INTEGRATION = DiskStation()
