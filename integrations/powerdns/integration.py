"""PowerDNS Authoritative Server: queries answered, latency, cache hit rate, failures.

Built-in web server API (https://doc.powerdns.com/authoritative/http-api/): ``GET
/api/v1/servers/localhost/statistics`` → ``[{"name", "type": "StatisticItem", "value"}]`` and
``GET /api/v1/servers`` → ``[{"id", "daemon_type", "version"}]``, with ``X-API-Key`` (``api-key=``
in pdns.conf); refused: 401 ``Unauthorized``.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.declarative import HeaderKey, JsonIntegration, api_key_config, number
from integrations.errors import BadResponseError
from integrations.models import RendererKind, Severity, Stat, StatData

ID = "powerdns"
STATISTICS = "/api/v1/servers/localhost/statistics"


class PowerDNS(JsonIntegration):
    id = ID
    name = "PowerDNS"
    icon = "🧭"
    category = "Network"
    description = "Authoritative server: queries, latency, packet-cache hit rate, SERVFAILs."
    docs_url = "https://doc.powerdns.com/authoritative/http-api/"
    config_model = api_key_config("api-key= in pdns.conf (with api=yes and webserver=yes).")
    auth = HeaderKey("X-API-Key")
    endpoints = (
        Endpoint("statistics", "Statistics", RendererKind.STAT, ttl=30, refresh=30,
                 description="Queries (UDP+TCP), latency, packet-cache hit rate, SERVFAIL answers."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        servers = await self.get(ctx, "/api/v1/servers")
        if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
            raise BadResponseError(f"{ID}: /api/v1/servers: unexpected answer", integration=ID)
        return (
            f"PowerDNS {servers[0].get('daemon_type', '')} {servers[0].get('version', '')}".replace(
                "  ", " "
            ).strip()
        )

    async def fetch_statistics(self, ctx: Context, options: None) -> StatData:
        items = await self.get(ctx, STATISTICS)
        if not isinstance(items, list):
            raise BadResponseError(f"{ID}: {STATISTICS} is not a list", integration=ID)
        stats: dict[str, Any] = {
            i.get("name"): number(i.get("value"))
            for i in items
            if isinstance(i, dict) and i.get("type") == "StatisticItem"
        }
        if "udp-queries" not in stats:
            raise BadResponseError(f"{ID}: {STATISTICS} has no udp-queries", integration=ID)
        hits, misses = stats.get("packetcache-hit") or 0, stats.get("packetcache-miss") or 0
        servfail = stats.get("servfail-packets") or 0
        return StatData(stats=[
            Stat(label="Queries", value=(stats.get("udp-queries") or 0) + (stats.get("tcp-queries") or 0)),
            Stat(label="Latency", value=stats.get("latency"), unit="µs"),
            Stat(label="Cache hits", value=round(100 * hits / (hits + misses), 1) if hits + misses else None, unit="%"),
            Stat(label="SERVFAIL", value=servfail, level=Severity.WARNING if servfail else Severity.OK),
        ])  # fmt: skip


INTEGRATION = PowerDNS()
