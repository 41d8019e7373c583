"""Apache httpd: workers busy and idle, requests and traffic, from mod_status.

``/server-status?auto`` (https://httpd.apache.org/docs/2.4/mod/mod_status.html) answers
``Key: value`` lines: ``Total Accesses``, ``Total kBytes``, ``BusyWorkers``, ``IdleWorkers``,
``ServerUptimeSeconds``, ``ServerVersion`` (with ``ExtendedStatus On``, the default since 2.4).
No authentication of its own: restrict it with ``Require ip`` or Basic auth.
"""

from __future__ import annotations

from pydantic import Field

from integrations.base import Context, Endpoint, Integration
from integrations.declarative import OptionalBasicConfig, number, optional_basic
from integrations.errors import BadResponseError
from integrations.models import RendererKind, Severity, Stat, StatData

ID = "apache"


class ApacheConfig(OptionalBasicConfig):
    status_path: str = Field(
        default="/server-status",
        title="Status path",
        description="Where mod_status answers (SetHandler server-status).",
    )


def parse_auto(text: str) -> dict[str, str]:
    """``Key: value`` lines of ``?auto`` output."""
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


class Apache(Integration):
    id = ID
    name = "Apache httpd"
    icon = "🪶"
    category = "Network"
    description = "Busy and idle workers, requests and traffic served (mod_status)."
    docs_url = "https://httpd.apache.org/docs/2.4/mod/mod_status.html"
    config_model = ApacheConfig
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=15, refresh=15,
                 description="Busy/idle workers, total requests and bytes served."),
    )  # fmt: skip

    async def status(self, ctx: Context) -> dict[str, str]:
        auth = optional_basic(ctx)
        response = await ctx.http.request(
            "GET", ctx.config.status_path, params={"auto": ""}, auth=auth
        )
        fields = parse_auto(response.text)
        if "BusyWorkers" not in fields:
            raise BadResponseError(f"{ID}: {ctx.config.status_path}?auto is not mod_status output", integration=ID,
                                   hint="Point the status path at the location with 'SetHandler server-status'.")  # fmt: skip
        return fields

    async def test_connection(self, ctx: Context) -> str:
        return (await self.status(ctx)).get("ServerVersion") or "Apache httpd"

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        s = await self.status(ctx)
        busy, idle = number(s.get("BusyWorkers")), number(s.get("IdleWorkers"))
        kbytes = number(s.get("Total kBytes"))
        return StatData(stats=[
            Stat(label="Busy workers", value=busy, level=Severity.WARNING if busy and idle == 0 else Severity.OK),
            Stat(label="Idle workers", value=idle),
            Stat(label="Requests", value=number(s.get("Total Accesses"))),
            Stat(label="Traffic", value=kbytes * 1024 if kbytes is not None else None, unit="B"),
        ])  # fmt: skip


INTEGRATION = Apache()
