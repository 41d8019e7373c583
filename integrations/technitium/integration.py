"""Technitium DNS Server: queries and blocks over the last day, blocking on/off, top blocked.

HTTP API (https://github.com/TechnitiumSoftware/DnsServer/blob/master/APIDOCS.md): every call
takes ``token`` (an API token: top-right menu → Create API Token) and answers
``{"status": "ok", "response": {...}}`` or ``{"status": "invalid-token" | "error",
"errorMessage"}`` with HTTP 200. ``/api/dashboard/stats/get?type=LastDay`` → ``stats``
(``totalQueries``, ``totalBlocked``, ``blockListZones``) and ``topBlockedDomains``;
``/api/settings/get`` → ``enableBlocking``, ``temporaryDisableBlockingTill``, ``version``;
``/api/settings/temporaryDisableBlocking?minutes=N``; ``/api/settings/set?enableBlocking=…``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from integrations._dns import DnsBlocker, DnsSummary, TopDomain
from integrations.base import Context
from integrations.declarative import api_key_config, whole_number
from integrations.errors import AuthError, BadResponseError

ID = "technitium"


class Technitium(DnsBlocker):
    id = ID
    name = "Technitium DNS"
    icon = "🌐"
    description = "Queries and blocks over the last day, blocking on/off, top blocked domains."
    docs_url = "https://github.com/TechnitiumSoftware/DnsServer/blob/master/APIDOCS.md"
    config_model = api_key_config("Top-right user menu → Create API Token.", title="API token")

    async def call(self, ctx: Context, path: str, **params: str) -> dict[str, Any]:
        answer = await ctx.http.get_json(
            path, params={**params, "token": ctx.secret("api_key")}, what=path
        )
        status = answer.get("status") if isinstance(answer, dict) else None
        if status == "invalid-token":
            raise AuthError(f"{ID}: {answer.get('errorMessage') or 'invalid token'}", integration=ID,
                            hint="Create an API token in the web console's user menu.")  # fmt: skip
        if status != "ok":
            message = answer.get("errorMessage") if isinstance(answer, dict) else None
            raise BadResponseError(
                f"{ID}: {path}: {message or 'unexpected answer'}", integration=ID
            )
        response = answer.get("response")
        return response if isinstance(response, dict) else {}

    async def test_connection(self, ctx: Context) -> str:
        settings = await self.call(ctx, "/api/settings/get")
        return f"Technitium DNS {settings.get('version', '')}".rstrip()

    async def summary(self, ctx: Context) -> DnsSummary:
        dashboard = await self.call(ctx, "/api/dashboard/stats/get", type="LastDay", utc="true")
        settings = await self.call(ctx, "/api/settings/get")
        stats = dashboard.get("stats")
        if not isinstance(stats, dict):
            raise BadResponseError(f"{ID}: no 'stats' in the dashboard answer", integration=ID)
        enabled = settings.get("enableBlocking")
        return DnsSummary(
            queries=whole_number(stats.get("totalQueries")),
            blocked=whole_number(stats.get("totalBlocked")),
            blocking=enabled if isinstance(enabled, bool) else None,
            blocklist_size=whole_number(stats.get("blockListZones")),
            disabled_for=_until(settings.get("temporaryDisableBlockingTill")),
        )

    async def top_blocked(self, ctx: Context, count: int) -> list[TopDomain]:
        dashboard = await self.call(ctx, "/api/dashboard/stats/get", type="LastDay", utc="true")
        top = dashboard.get("topBlockedDomains")
        if not isinstance(top, list):
            raise BadResponseError(
                f"{ID}: no 'topBlockedDomains' in the dashboard answer", integration=ID
            )
        return [
            TopDomain(str(d.get("name")), whole_number(d.get("hits")) or 0)
            for d in top[:count]
            if isinstance(d, dict)
        ]

    async def set_blocking(self, ctx: Context, enabled: bool, seconds: int | None) -> None:
        if not enabled and seconds:
            await self.call(
                ctx, "/api/settings/temporaryDisableBlocking", minutes=str(max(1, seconds // 60))
            )
        else:
            await self.call(ctx, "/api/settings/set", enableBlocking="true" if enabled else "false")


def _until(value: Any) -> float | None:
    """Seconds until an ISO timestamp (Technitium's temporary-disable end), if in the future."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    left = (when if when.tzinfo else when.replace(tzinfo=UTC)) - datetime.now(UTC)
    return left.total_seconds() if left.total_seconds() > 0 else None


INTEGRATION = Technitium()
