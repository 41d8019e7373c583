"""nginx: connections and requests from the stub_status module.

``stub_status`` (https://nginx.org/en/docs/http/ngx_http_stub_status_module.html) answers plain
text at the location you configure (often ``/nginx_status``)::

    Active connections: 1
    server accepts handled requests
     5 5 5
    Reading: 0 Writing: 1 Waiting: 0

No authentication of its own: restrict the location with ``allow``/``deny`` or Basic auth.
"""

from __future__ import annotations

import re

from pydantic import Field

from integrations.base import Context, Endpoint, Integration
from integrations.declarative import OptionalBasicConfig, optional_basic
from integrations.errors import BadResponseError
from integrations.models import RendererKind, Severity, Stat, StatData

ID = "nginx"
_PATTERN = re.compile(
    r"Active connections:\s*(\d+).*?accepts handled requests\s+(\d+)\s+(\d+)\s+(\d+).*?"
    r"Reading:\s*(\d+)\s+Writing:\s*(\d+)\s+Waiting:\s*(\d+)", re.S,
)  # fmt: skip


class NginxConfig(OptionalBasicConfig):
    status_path: str = Field(
        default="/nginx_status",
        title="Status path",
        description="The location with 'stub_status;'.",
    )


def parse_stub_status(text: str) -> dict[str, int]:
    """The seven numbers of a stub_status page; :class:`ValueError` if it is not one."""
    match = _PATTERN.search(text)
    if match is None:
        raise ValueError("not a stub_status page")
    keys = ("active", "accepts", "handled", "requests", "reading", "writing", "waiting")
    return dict(zip(keys, (int(g) for g in match.groups()), strict=True))


class Nginx(Integration):
    id = ID
    name = "nginx"
    icon = "🟢"
    category = "Network"
    description = "Active connections, requests served, and connections dropped (stub_status)."
    docs_url = "https://nginx.org/en/docs/http/ngx_http_stub_status_module.html"
    config_model = NginxConfig
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=15, refresh=15,
                 description="Active connections, requests, reading/writing/waiting, dropped."),
    )  # fmt: skip

    async def status(self, ctx: Context) -> dict[str, int]:
        auth = optional_basic(ctx)
        response = await ctx.http.request("GET", ctx.config.status_path, auth=auth)
        try:
            return parse_stub_status(response.text)
        except ValueError:
            raise BadResponseError(f"{ID}: {ctx.config.status_path} is not a stub_status page", integration=ID,
                                   hint="Point the status path at the location that has 'stub_status;'.") from None  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        s = await self.status(ctx)
        return f"nginx: {s['active']} active connections, {s['requests']} requests"

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        s = await self.status(ctx)
        dropped = s["accepts"] - s["handled"]
        return StatData(stats=[
            Stat(label="Active", value=s["active"]),
            Stat(label="Requests", value=s["requests"]),
            Stat(label="Writing", value=s["writing"]),
            Stat(label="Waiting", value=s["waiting"]),
            Stat(label="Dropped", value=dropped, level=Severity.WARNING if dropped else Severity.OK),
        ])  # fmt: skip


INTEGRATION = Nginx()
