"""AdGuard Home: DNS queries and blocks, protection on/off, top blocked domains.

Control API (https://github.com/AdguardTeam/AdGuardHome/tree/master/openapi):
``GET /control/stats`` → ``{"num_dns_queries", "num_blocked_filtering", "top_blocked_domains":
[{domain: count}], …}``; ``GET /control/status`` → ``{"version", "protection_enabled",
"protection_disabled_duration" (ms), …}``; ``POST /control/protection`` ``{"enabled",
"duration" (ms)}``. HTTP Basic with the web UI's user; a wrong one is answered 401/403.
"""

from __future__ import annotations

from typing import Any

from integrations._dns import DnsBlocker, DnsSummary, TopDomain
from integrations.base import Context
from integrations.declarative import UserPasswordConfig, number, whole_number
from integrations.errors import BadResponseError

ID = "adguard"


class AdGuard(DnsBlocker):
    id = ID
    name = "AdGuard Home"
    icon = "🛡"
    description = "DNS queries and blocks, protection on/off, top blocked domains."
    docs_url = "https://github.com/AdguardTeam/AdGuardHome/tree/master/openapi"
    config_model = UserPasswordConfig

    def _auth(self, ctx: Context) -> tuple[str, str]:
        return ctx.config.username, ctx.secret("password")

    async def _get(self, ctx: Context, path: str) -> dict[str, Any]:
        answer = await ctx.http.get_json(path, auth=self._auth(ctx), what=path)
        if not isinstance(answer, dict):
            raise BadResponseError(f"{ID}: unexpected answer for {path}", integration=ID)
        return answer

    async def test_connection(self, ctx: Context) -> str:
        status = await self._get(ctx, "/control/status")
        return f"AdGuard Home {status.get('version', '')}".rstrip()

    async def summary(self, ctx: Context) -> DnsSummary:
        stats = await self._get(ctx, "/control/stats")
        status = await self._get(ctx, "/control/status")
        if "num_dns_queries" not in stats:
            raise BadResponseError(
                f"{ID}: unexpected answer for /control/stats: no 'num_dns_queries'", integration=ID
            )
        left = number(status.get("protection_disabled_duration"))
        enabled = status.get("protection_enabled")
        return DnsSummary(
            queries=whole_number(stats.get("num_dns_queries")),
            blocked=whole_number(stats.get("num_blocked_filtering")),
            blocking=enabled if isinstance(enabled, bool) else None,
            disabled_for=left / 1000 if left else None,
        )

    async def top_blocked(self, ctx: Context, count: int) -> list[TopDomain]:
        stats = await self._get(ctx, "/control/stats")
        top = stats.get("top_blocked_domains")
        if not isinstance(top, list):
            raise BadResponseError(
                f"{ID}: unexpected answer for /control/stats: no 'top_blocked_domains'",
                integration=ID,
            )
        pairs = [
            (str(k), whole_number(v) or 0)
            for entry in top
            if isinstance(entry, dict)
            for k, v in entry.items()
        ]
        return [TopDomain(d, n) for d, n in pairs[:count]]

    async def set_blocking(self, ctx: Context, enabled: bool, seconds: int | None) -> None:
        body: dict[str, Any] = {"enabled": enabled}
        if not enabled and seconds:
            body["duration"] = seconds * 1000
        await ctx.http.request("POST", "/control/protection", json=body, auth=self._auth(ctx))


INTEGRATION = AdGuard()
