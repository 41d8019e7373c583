"""Shapes of Uptime Kuma's public status-page API (1.x and 2.0) and its ``/metrics`` text."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

#: Heartbeat status codes (server/util-server: DOWN, UP, PENDING, MAINTENANCE).
DOWN, UP, PENDING, MAINTENANCE = 0, 1, 2, 3
_APP_VERSION = re.compile(r'^app_version\{version="([^"]+)"', re.MULTILINE)


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PublicMonitor(_Loose):
    id: int
    name: str
    type: str = ""


class PublicGroup(_Loose):
    name: str = ""
    monitor_list: list[PublicMonitor] = Field(alias="monitorList")


class PageConfig(_Loose):
    slug: str
    title: str


class Incident(_Loose):
    id: int
    title: str = ""
    content: str = ""
    style: str = "info"  # info, warning, danger, primary, light, dark


class StatusPage(_Loose):
    """``GET /api/status-page/{slug}``."""

    config: PageConfig
    incident: Incident | None = None
    public_group_list: list[PublicGroup] = Field(alias="publicGroupList")

    def monitors(self) -> list[tuple[str, PublicMonitor]]:
        """(group name, monitor) for every monitor on the page, in page order, once each."""
        seen: set[int] = set()
        found = []
        for group in self.public_group_list:
            for monitor in group.monitor_list:
                if monitor.id not in seen:
                    seen.add(monitor.id)
                    found.append((group.name, monitor))
        return found


class Beat(_Loose):
    status: int
    time: str
    msg: str | None = ""
    ping: float | None = None


class Heartbeats(_Loose):
    """``GET /api/status-page/heartbeat/{slug}``: recent beats and 24 h uptime per monitor id."""

    heartbeat_list: dict[str, list[Beat]] = Field(alias="heartbeatList")
    uptime_list: dict[str, float] = Field(alias="uptimeList")

    def latest(self, monitor_id: int) -> Beat | None:
        beats = self.heartbeat_list.get(str(monitor_id)) or []
        return max(beats, key=lambda b: b.time) if beats else None

    def uptime(self, monitor_id: int) -> float | None:
        """24-hour uptime as 0..1, when Uptime Kuma has one."""
        return self.uptime_list.get(f"{monitor_id}_24")


def app_version(metrics: str) -> str | None:
    """The version from ``/metrics`` (``app_version{version="2.0.0",...} 1``)."""
    match = _APP_VERSION.search(metrics)
    return match.group(1) if match else None
