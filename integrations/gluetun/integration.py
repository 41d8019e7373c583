"""Gluetun: is the VPN up, which public IP and country it exits from, the forwarded port.

Control server (https://github.com/qdm12/gluetun-wiki/blob/main/setup/advanced/control-server.md),
port 8000: ``GET /v1/vpn/status`` → ``{"status": "running"}``, ``GET /v1/publicip/ip`` →
``{"public_ip": "…", "country": "…", "city": "…"}``, ``GET /v1/openvpn/portforwarded`` →
``{"port": 5914}``. Since v3.40 routes need auth: an API key (``X-API-Key``) or Basic, set in
the control server's ``config.toml``; older versions take none.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig
from integrations.concurrency import all_of
from integrations.declarative import Credentials, JsonIntegration, StatField
from integrations.errors import BadStatusError
from integrations.models import Alert, FetchResult, RendererKind, Severity, Stat, StatData

STATUS, PUBLIC_IP, PORT = "/v1/vpn/status", "/v1/publicip/ip", "/v1/openvpn/portforwarded"


class GluetunConfig(HttpConfig):
    api_key: SecretStr | None = Field(
        default=None, title="API key",
        description="Only for v3.40+: the key set for the control server in its config.toml.",
    )  # fmt: skip


class _OptionalKey:
    def credentials(self, ctx: Context) -> Credentials:
        key = ctx.secret("api_key")
        return Credentials(headers={"X-API-Key": key} if key else {})


class Gluetun(JsonIntegration):
    id = "gluetun"
    name = "Gluetun"
    icon = "🛡"
    category = "Network"
    description = "VPN status, public IP and country, forwarded port; a stopped VPN is critical."
    docs_url = "https://github.com/qdm12/gluetun-wiki"
    config_model = GluetunConfig
    auth = _OptionalKey()  # type: ignore[assignment]
    endpoints = (
        Endpoint("vpn", "VPN", RendererKind.STAT, ttl=60, refresh=60,
                 description="Status, public IP, country and forwarded port."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        status = await self.get(ctx, STATUS)
        return f"Gluetun: VPN {_text(status, 'status') or 'status unknown'}"

    async def fetch_vpn(self, ctx: Context, options: None) -> FetchResult:
        status, ip, port = await all_of(
            self.get(ctx, STATUS), self.get(ctx, PUBLIC_IP), self._port(ctx)
        )
        state = _text(status, "status")
        level = Severity.OK if state == "running" else Severity.CRITICAL
        place = ", ".join(p for p in (_text(ip, "city"), _text(ip, "country")) if p)
        stats = [
            Stat(label="VPN", value=state or "unknown", level=level),
            Stat(label="Public IP", value=_text(ip, "public_ip") or None),
            Stat(label="Exit", value=place or None),
            StatField("Forwarded port").stat(port),
        ]
        alerts = [] if level is Severity.OK else [
            Alert(severity=Severity.CRITICAL, key="vpn", message=f"VPN {state or 'not running'}")
        ]  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=alerts)

    async def _port(self, ctx: Context) -> int | None:
        """The forwarded port; None when port forwarding is off or unsupported (404)."""
        try:
            answer = await self.get(ctx, PORT)
        except BadStatusError:
            return None
        port = answer.get("port") if isinstance(answer, dict) else None
        return port if isinstance(port, int) and not isinstance(port, bool) and port > 0 else None


def _text(answer: Any, key: str) -> str:
    value = answer.get(key) if isinstance(answer, dict) else None
    return str(value) if value not in (None, "") else ""


INTEGRATION = Gluetun()
