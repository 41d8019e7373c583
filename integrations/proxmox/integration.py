"""Proxmox VE: nodes, VMs and containers running, cluster CPU and memory; an offline node is
critical.

API (https://pve.proxmox.com/pve-docs/api-viewer/): ``GET /api2/json/cluster/resources`` →
``{"data": [{"type": "node"|"qemu"|"lxc"|"storage", "status", "name", "node", "cpu",
"maxcpu", "mem", "maxmem", "template"}]}``; ``GET /api2/json/version``. An API token is sent as
``Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET`` (Datacenter → Permissions → API
Tokens; the PVEAuditor role is enough); a wrong one is answered 401.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr, field_validator

from integrations.base import Context, Endpoint, HttpConfig
from integrations.declarative import Credentials, JsonIntegration, Probe, StatField
from integrations.errors import BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import Alert, FetchResult, RendererKind, Severity, StatData

RESOURCES = "/api2/json/cluster/resources"


class ProxmoxConfig(HttpConfig):
    token_id: str = Field(
        title="Token id",
        description="USER@REALM!TOKENID, e.g. root@pam!dashboard "
        "(Datacenter → Permissions → API Tokens).",
    )
    token_secret: SecretStr = Field(
        title="Token secret", description="The UUID shown once when the token was made."
    )
    node: str = Field(default="", title="Node", description="Only this node (empty: the whole cluster).")  # fmt: skip

    @field_validator("token_id")
    @classmethod
    def _shape(cls, value: str) -> str:
        if "@" not in value or "!" not in value:
            raise ValueError("use USER@REALM!TOKENID, e.g. root@pam!dashboard")
        return value


class _Token:
    def credentials(self, ctx: Context) -> Credentials:
        value = f"PVEAPIToken={ctx.config.token_id}={ctx.secret('token_secret')}"
        return Credentials(headers={"Authorization": value})


def _ratio(used: float, total: float) -> float | None:
    return round(100 * used / total, 1) if total > 0 else None


class Proxmox(JsonIntegration):
    id = "proxmox"
    name = "Proxmox VE"
    icon = "🖧"
    category = "Infrastructure"
    description = "VMs and containers running, CPU and memory of the cluster or one node."
    docs_url = "https://pve.proxmox.com/pve-docs/api-viewer/"
    config_model = ProxmoxConfig
    auth = _Token()  # type: ignore[assignment]
    probe = Probe("/api2/json/version", version="data.version")
    product = "Proxmox VE"
    # Homepage calls the token id and secret "username" and "password"
    homepage = HomepageMapping(keys={"username": "token_id", "password": "token_secret"})
    endpoints = (
        Endpoint("resources", "Resources", RendererKind.STAT, ttl=30, refresh=30,
                 description="VMs and LXC running/total, CPU and memory use; offline nodes alert."),
    )  # fmt: skip

    async def fetch_resources(self, ctx: Context, options: None) -> FetchResult:
        answer = await self.get(ctx, RESOURCES)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, list):
            raise BadResponseError(f"proxmox: no 'data' list in {RESOURCES}", integration=self.id)
        wanted = ctx.config.node
        items = [r for r in data if isinstance(r, dict) and (not wanted or r.get("node") == wanted)]
        nodes = [r for r in items if r.get("type") == "node"]
        guests = {kind: [r for r in items if r.get("type") == kind and not r.get("template")]
                  for kind in ("qemu", "lxc")}  # fmt: skip
        online = [n for n in nodes if n.get("status") == "online"]
        cpu = sum(_num(n, "cpu") * _num(n, "maxcpu") for n in online)
        stats = [
            StatField("VMs").stat(_running(guests["qemu"])),
            StatField("LXC").stat(_running(guests["lxc"])),
            StatField("CPU", unit="%", warning_above=85, critical_above=95).stat(
                _ratio(cpu, sum(_num(n, "maxcpu") for n in online))
            ),
            StatField("Memory", unit="%", warning_above=85, critical_above=95).stat(
                _ratio(sum(_num(n, "mem") for n in online), sum(_num(n, "maxmem") for n in online))
            ),
        ]
        alerts = [
            Alert(severity=Severity.CRITICAL, key=f"node:{n.get('node')}",
                  message=f"node {n.get('node') or n.get('name')} is {n.get('status') or 'unknown'}")
            for n in nodes if n.get("status") != "online"
        ]  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=alerts)


def _num(item: dict[str, Any], key: str) -> float:
    value = item.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _running(guests: list[dict[str, Any]]) -> str:
    return f"{sum(g.get('status') == 'running' for g in guests)} / {len(guests)}"


INTEGRATION = Proxmox()
