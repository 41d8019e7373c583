"""Monit: the services it watches and which of them are failing (critical alerts).

Monit's web server (``set httpd``, https://mmonit.com/monit/documentation/monit.html#MONIT-HTTPD)
answers ``GET /_status?format=xml&level=full`` with ``<monit><server><version>…`` and one
``<service type="N"><name/><status/><monitor/>…</service>`` per check; ``status`` is a bit mask
of failed tests (0 = all fine) and ``monitor`` 0 means not monitored. HTTP Basic
(``allow user:password``); refused: 401.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pydantic import Field

from integrations.base import Context, Endpoint, Integration
from integrations.declarative import OptionalBasicConfig, optional_basic
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

ID = "monit"
TYPES = {"0": "filesystem", "1": "directory", "2": "file", "3": "process", "4": "host", "5": "system",
         "6": "fifo", "7": "program", "8": "network"}  # fmt: skip


# Monit's event bits (src/event.h, Event_*): a failing service's <status> is the OR of those that
# fired, e.g. 32 = a port check could not connect, 512 = a checked path does not exist
EVENTS = ((0x1, "checksum changed"), (0x2, "resource limit"), (0x4, "timeout"), (0x8, "timestamp changed"),
          (0x10, "size changed"), (0x20, "connection failed"), (0x40, "permission changed"), (0x80, "uid changed"),
          (0x100, "gid changed"), (0x200, "does not exist"), (0x400, "invalid type"), (0x800, "data access error"),
          (0x1000, "execution failed"), (0x2000, "filesystem flags changed"), (0x4000, "ping failed"),
          (0x8000, "content matched"), (0x40000, "pid changed"), (0x80000, "ppid changed"),
          (0x100000, "heartbeat missed"), (0x200000, "status failed"), (0x400000, "uptime"),
          (0x800000, "link down"))  # fmt: skip


def failure_reasons(status: str) -> list[str]:
    """What the bits of a ``<status>`` value say went wrong (empty for 0 or non-numbers)."""
    try:
        bits = int(status)
    except ValueError:
        return []
    return [text for bit, text in EVENTS if bits & bit]


class MonitConfig(OptionalBasicConfig):
    username: str = Field(
        default="", title="User name", description="From 'allow user:password' in monitrc."
    )


class Service:
    def __init__(self, element: ET.Element) -> None:
        self.name = element.findtext("name") or "?"
        self.kind = TYPES.get(element.get("type", ""), "check")
        status = (element.findtext("status") or "0").strip()
        self.failed = status not in ("0", "")
        self.monitored = (element.findtext("monitor") or "1").strip() != "0"
        # Monit 5.33's XML has no status_message: the reason is only in the <status> bits
        self.hint = (element.findtext("status_message") or "").strip() or ", ".join(
            failure_reasons(status)
        )

    @property
    def level(self) -> Severity:
        if not self.monitored:
            return Severity.INFO
        return Severity.CRITICAL if self.failed else Severity.OK

    @property
    def state(self) -> str:
        if not self.monitored:
            return "not monitored"
        return "failed" if self.failed else "ok"

    def alert(self) -> Alert:
        return Alert(severity=Severity.CRITICAL, key=f"service:{self.name}",
                     message=f"{self.kind} {self.name} failed{': ' + self.hint if self.hint else ''}")  # fmt: skip


class Monit(Integration):
    id = ID
    name = "Monit"
    icon = "🩺"
    category = "Monitoring"
    description = "Checks Monit watches (processes, file systems, hosts); failures are critical."
    docs_url = "https://mmonit.com/monit/documentation/monit.html"
    config_model = MonitConfig
    endpoints = (
        Endpoint("summary", "Summary", RendererKind.STAT, ttl=30, refresh=30,
                 description="Checks fine, failing, not monitored."),
        Endpoint("services", "Checks", RendererKind.LIST, ttl=30, refresh=30,
                 description="Every check, failing ones first."),
    )  # fmt: skip

    async def status(self, ctx: Context) -> tuple[str, list[Service]]:
        auth = optional_basic(ctx)
        response = await ctx.http.request(
            "GET", "/_status", params={"format": "xml", "level": "full"}, auth=auth
        )
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError as exc:
            raise BadResponseError(
                f"{ID}: /_status did not answer XML ({exc})", integration=ID
            ) from exc
        if root.tag != "monit":
            raise BadResponseError(
                f"{ID}: /_status answered <{root.tag}>, not <monit>", integration=ID
            )
        return root.findtext("server/version") or "", [Service(s) for s in root.iter("service")]

    async def test_connection(self, ctx: Context) -> str:
        version, services = await self.status(ctx)
        return f"Monit {version} ({len(services)} checks)"

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        _, services = await self.status(ctx)
        failing = [s for s in services if s.level is Severity.CRITICAL]
        stats = [
            Stat(label="OK", value=sum(s.level is Severity.OK for s in services)),
            Stat(
                label="Failing",
                value=len(failing),
                level=Severity.CRITICAL if failing else Severity.OK,
            ),
            Stat(label="Unmonitored", value=sum(not s.monitored for s in services)),
        ]
        return FetchResult(data=StatData(stats=stats), alerts=[s.alert() for s in failing])

    async def fetch_services(self, ctx: Context, options: None) -> FetchResult:
        _, services = await self.status(ctx)
        ordered = sorted(services, key=lambda s: (-s.level.rank, s.name))
        rows = [
            ListRow(
                title=s.name,
                detail=" · ".join(p for p in (s.kind, s.hint) if p),
                status=s.state,
                level=s.level,
            )
            for s in ordered
        ]
        return FetchResult(data=ListData(rows=rows, total=len(rows), empty_text="No checks"),
                           alerts=[s.alert() for s in services if s.level is Severity.CRITICAL])  # fmt: skip


INTEGRATION = Monit()
