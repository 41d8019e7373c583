"""HAProxy: backends and servers up or down, sessions; a server going DOWN is critical.

The stats page's CSV export (https://docs.haproxy.org/2.6/management.html#9.1): ``GET
<stats uri>;csv`` answers a ``# pxname,svname,…`` header and one row per frontend, backend and
server (``status`` UP/DOWN/MAINT/no check, ``scur`` current sessions, ``check_status``). The
page is usually behind ``stats auth user:password`` (HTTP Basic); refused: 401.
"""

from __future__ import annotations

import csv
import io

from pydantic import Field

from integrations.base import Context, Endpoint, Integration
from integrations.declarative import OptionalBasicConfig, number, optional_basic
from integrations.errors import BadResponseError
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

ID = "haproxy"


class HaproxyConfig(OptionalBasicConfig):
    stats_path: str = Field(
        default="/stats", title="Stats path", description="The 'stats uri' of the stats page."
    )
    username: str = Field(
        default="", title="User name", description="From 'stats auth user:password'."
    )


def parse_csv(text: str) -> list[dict[str, str]]:
    """Rows of the stats CSV; :class:`ValueError` when it is not one."""
    if not text.startswith("# pxname,"):
        raise ValueError("not HAProxy stats CSV")
    return list(csv.DictReader(io.StringIO(text[2:])))


def _level(status: str) -> Severity:
    if status.startswith("DOWN"):
        return Severity.CRITICAL
    if status.startswith(("MAINT", "DRAIN", "NOLB")):
        return Severity.INFO
    return Severity.OK


class Haproxy(Integration):
    id = ID
    name = "HAProxy"
    icon = "⚖"
    category = "Network"
    description = "Backends and servers up or down, current sessions; a DOWN server is critical."
    docs_url = "https://docs.haproxy.org/2.6/management.html#9.1"
    config_model = HaproxyConfig
    endpoints = (
        Endpoint("summary", "Summary", RendererKind.STAT, ttl=15, refresh=15,
                 description="Servers up and down, backends down, current sessions."),
        Endpoint("servers", "Servers", RendererKind.LIST, ttl=15, refresh=15,
                 description="Each backend server with its status and check."),
    )  # fmt: skip

    async def rows(self, ctx: Context) -> list[dict[str, str]]:
        auth = optional_basic(ctx)
        path = f"{ctx.config.stats_path.rstrip(';')};csv"
        response = await ctx.http.request("GET", path, auth=auth)
        try:
            return parse_csv(response.text)
        except ValueError:
            raise BadResponseError(f"{ID}: {path} is not the stats CSV", integration=ID,
                                   hint="Point the stats path at HAProxy's 'stats uri'.") from None  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        rows = await self.rows(ctx)
        return f"HAProxy: {sum(r.get('svname') == 'BACKEND' for r in rows)} backends"

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        rows = await self.rows(ctx)
        servers = [r for r in rows if r.get("svname") not in ("FRONTEND", "BACKEND")]
        down = [r for r in servers if _level(r.get("status", "")) is Severity.CRITICAL]
        backends_down = [
            r
            for r in rows
            if r.get("svname") == "BACKEND" and r.get("status", "").startswith("DOWN")
        ]
        sessions = sum(number(r.get("scur")) or 0 for r in rows if r.get("svname") == "FRONTEND")
        stats = [
            Stat(
                label="Servers up", value=sum(r.get("status", "").startswith("UP") for r in servers)
            ),
            Stat(
                label="Servers down",
                value=len(down),
                level=Severity.CRITICAL if down else Severity.OK,
            ),
            Stat(
                label="Backends down",
                value=len(backends_down),
                level=Severity.CRITICAL if backends_down else Severity.OK,
            ),
            Stat(label="Sessions", value=sessions),
        ]
        return FetchResult(data=StatData(stats=stats), alerts=_alerts(down))

    async def fetch_servers(self, ctx: Context, options: None) -> FetchResult:
        servers = [
            r for r in await self.rows(ctx) if r.get("svname") not in ("FRONTEND", "BACKEND")
        ]
        rows = [ListRow(title=f"{r.get('pxname')}/{r.get('svname')}",
                        detail=" · ".join(p for p in (r.get("check_status"), r.get("check_desc"), f"{r.get('scur') or 0} sessions") if p),
                        status=r.get("status", ""), level=_level(r.get("status", "")))
                for r in servers]  # fmt: skip
        rows.sort(key=lambda r: -r.level.rank)
        down = [r for r in servers if _level(r.get("status", "")) is Severity.CRITICAL]
        return FetchResult(
            data=ListData(rows=rows, total=len(rows), empty_text="No servers"), alerts=_alerts(down)
        )


def _alerts(down: list[dict[str, str]]) -> list[Alert]:
    return [Alert(severity=Severity.CRITICAL, key=f"server:{r.get('pxname')}/{r.get('svname')}",
                  message=f"{r.get('pxname')}/{r.get('svname')} is {r.get('status')}") for r in down]  # fmt: skip


INTEGRATION = Haproxy()
