"""Deterministic demo data for the dashboard's snapshots, screenshots and functional tests.

* :class:`FrozenSystem` replaces the ``system`` integration (same id, same endpoints, so the
  first-run board seeds exactly as for a real user) with fixed values: snapshots never show the
  machine they were taken on. ``alert_level`` makes its disk alert critical or warning on demand,
  ``fail`` makes chosen endpoints unreachable (error and stale cards).
* :func:`serve_demo` scripts a :class:`~tests.support.loopback.LoopbackServer` with the Sonarr
  answers recorded for the Sonarr integration's tests and two http-check targets (one up, one
  answering 503).
* :func:`seed_demo` fills a store: the first-run board plus a "Media" board, apps in groups.

Apps show made-up LAN URLs (``https://sonarr.home.lan``); their ``api_url`` setting points at the
loopback server, so nothing on screen depends on the port the server got.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from integrations.errors import UnreachableError
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    FetchResult,
    GaugeData,
    ListData,
    ListRow,
    Point,
    ProgressData,
    ProgressItem,
    Series,
    Severity,
    Stat,
    StatData,
)
from integrations.registry import registry
from integrations.system.integration import System
from launcher_tui.services import Services
from tests.support.loopback import LoopbackServer, Response

NOW = 1_750_000_000.0
"""The frozen wall clock of chart samples."""
SONARR_KEY = "0123456789abcdef0123456789abcdef"
SONARR_FIXTURES = Path(__file__).parents[1] / "integrations" / "sonarr" / "fixtures"
LOAD = [(0.42, 0.51, 0.60), (0.8, 0.6, 0.62), (1.6, 0.9, 0.7), (1.2, 1.0, 0.75), (0.9, 0.95, 0.8)]


def frozen_clock() -> float:
    """The app clock for snapshots: before every fetch, so every card reads "updated 0 s"."""
    return 0.0


async def wait_until(pilot: Any, predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Let the app run until ``predicate()`` is true (fails the test after ``timeout``).

    The timeout is generous on purpose: it only bounds a failing test, and a 2-core machine
    running the suite under full load needs several seconds for a first board.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.01)


STALE_AGE = 125.0
"""How far :func:`later_clock` runs ahead: ages read "2 min ago" for the next 55 s."""


def later_clock() -> float:
    """The app clock for the error/stale picture: two minutes after every fetch.

    Data fetched at real time ``t`` reads as ``STALE_AGE`` seconds old, so a stale card shows
    a real-looking age ("stale, 2 min ago") that stays the same from run to run.
    """
    return time.time() + STALE_AGE


async def break_cpu_then_memory(pilot: Any, system: FrozenSystem, timeout: float = 30.0) -> None:
    """Home board with an error card (CPU, never fetched) next to a stale one (memory).

    ``system.fail`` must hold ``"cpu"`` before the app starts. Waits for explicit card states
    (memory ready, then stale after its failed refresh; nothing loading or refreshing), never
    on a fixed delay alone.
    """
    from launcher_tui.screens.board import Card

    app = pilot.app

    def cards() -> dict[str, Card]:
        board = app.current_board
        found = [c for c in board.cards if isinstance(c, Card)] if board else []
        return {c.endpoint.id: c for c in found}

    def settled(states: dict[str, str]) -> bool:
        shown = cards()
        return (
            bool(shown)
            and all(shown[e].state == s for e, s in states.items())
            and all(c.state != "loading" and not c.refreshing for c in shown.values())
        )

    await wait_until(pilot, lambda: settled({"cpu": "error", "memory": "ready"}), timeout)
    system.fail = {"cpu", "memory"}
    app.current_board.refresh_card(cards()["memory"])
    await wait_until(pilot, lambda: settled({"cpu": "error", "memory": "stale"}), timeout)


class FrozenSystem(System):
    """The ``system`` integration with fixed readings (see the module docstring)."""

    def __init__(self) -> None:
        self.alert_level: Severity | None = None
        self.fail: set[str] = set()
        self.calls: dict[str, int] = {}

    def _count(self, endpoint: str) -> None:
        self.calls[endpoint] = self.calls.get(endpoint, 0) + 1
        if endpoint in self.fail:
            raise UnreachableError("system: cannot read /proc (demo failure)", integration="system")

    async def test_connection(self, ctx: Any) -> str:
        return "demo-box: 8 CPUs, 31.3 GiB RAM (41 % used), up 12d 4h"

    async def fetch_cpu(self, ctx: Any, options: Any) -> GaugeData:
        self._count("cpu")
        return GaugeData(label="CPU (8 cores)", value=37.5, warning=80, critical=95)

    async def fetch_memory(self, ctx: Any, options: Any) -> GaugeData:
        self._count("memory")
        return GaugeData(label="Memory (12.8 GiB of 31.3 GiB)", value=88.0, warning=85, critical=95)

    async def fetch_load(self, ctx: Any, options: Any) -> ChartData:
        self._count("load")
        series = [
            Series(
                name=name,
                points=[Point(t=NOW - 60 * (len(LOAD) - i), v=v[n]) for i, v in enumerate(LOAD)],
            )
            for n, name in enumerate(("1 min", "5 min", "15 min"))
        ]
        return ChartData(series=series, y_min=0.0)

    async def fetch_disks(self, ctx: Any, options: Any) -> ProgressData:
        self._count("disks")
        return ProgressData(
            items=[
                ProgressItem(label="/", percent=41.0, detail="54.2 GiB free of 92.0 GiB"),
                ProgressItem(
                    label="/srv",
                    percent=91.0,
                    detail="162 GiB free of 1.8 TiB",
                    level=Severity.WARNING,
                ),
            ]
        )

    async def fetch_disk_alerts(self, ctx: Any, options: Any) -> FetchResult:
        self._count("disk_alerts")
        alerts = []
        if self.alert_level is not None:
            alerts.append(
                Alert(
                    severity=self.alert_level,
                    message="/srv is 97 % full (54 GiB left)",
                    key="disk:/srv",
                )
            )
        return FetchResult(data=AlertData(alerts=alerts, ok_text="Disks have room"), alerts=alerts)

    async def fetch_processes(self, ctx: Any, options: Any) -> ListData:
        self._count("processes")
        rows = [
            ListRow(
                title="jellyfin",
                detail="pid 1412 · jellyfin",
                status="41 % CPU · 6.2 % mem",
                level=Severity.OK,
            ),
            ListRow(title="postgres", detail="pid 988 · postgres", status="12 % CPU · 3.1 % mem"),
            ListRow(title="sonarr", detail="pid 1201 · media", status="4 % CPU · 2.4 % mem"),
            ListRow(title="caddy", detail="pid 733 · caddy", status="1 % CPU · 0.4 % mem"),
            ListRow(title="sshd", detail="pid 612 · root", status="0 % CPU · 0.1 % mem"),
        ]
        return ListData(rows=rows, total=212)

    async def fetch_uptime(self, ctx: Any, options: Any) -> StatData:
        self._count("uptime")
        return StatData(
            stats=[
                Stat(label="Uptime", value="12d 4h"),
                Stat(label="Booted", value="2025-06-03 07:12"),
                Stat(label="Processes", value=212),
            ]
        )


@contextmanager
def frozen_system() -> Iterator[FrozenSystem]:
    """Register :class:`FrozenSystem` as ``system`` for the duration (the real one after)."""
    real = registry.get("system")
    frozen = FrozenSystem()
    registry.register(frozen, replace=True)
    try:
        yield frozen
    finally:
        registry.register(real, replace=True)


def sonarr_fixture(name: str) -> Any:
    return json.loads((SONARR_FIXTURES / f"{name}.json").read_text())


def serve_demo(server: LoopbackServer) -> LoopbackServer:
    """Sonarr's API (behind its key) and two http-check targets on the loopback server."""
    for path, name in [
        ("/system/status", "system_status"),
        ("/wanted/missing", "wanted_missing"),
        ("/queue/status", "queue_status"),
        ("/series", "series"),
        ("/queue", "queue"),
        ("/calendar", "calendar"),
        ("/health", "health"),
    ]:
        server.json(
            "GET", "/api/v3" + path, sonarr_fixture(name), require_header=("X-Api-Key", SONARR_KEY)
        )
    server.route(
        "GET", "/cloud/status.php", Response(200, {"installed": True, "maintenance": False})
    )
    server.route("GET", "/jellyfin/health", Response(503, "Service Unavailable"))
    return server


def seed_demo(services: Services, base_url: str) -> dict[str, int]:
    """First-run board + a Media board and a few apps; returns app ids by name."""
    services.first_run()
    ids: dict[str, int] = {}

    def add(**app: Any) -> None:
        ids[app["name"]] = services.apps.add(app).id

    add(
        name="Sonarr",
        url="https://sonarr.home.lan",
        group="Media",
        icon="📺",
        description="TV series",
        integration="sonarr",
        config={"api_key": SONARR_KEY, "api_url": base_url},
    )
    add(
        name="Jellyfin",
        url="https://jellyfin.home.lan",
        group="Media",
        icon="🎬",
        integration="http",
        config={"api_url": f"{base_url}/jellyfin/health"},
    )
    add(
        name="Nextcloud",
        url="https://cloud.home.lan",
        group="Files",
        icon="☁",
        description="Files and calendars",
        integration="http",
        config={"api_url": f"{base_url}/cloud/status.php"},
    )
    add(
        name="Router",
        url="http://192.168.1.1",
        group="Network",
        icon="📡",
        description="OpenWrt admin",
    )
    add(name="Pi-hole", url="http://192.168.1.2/admin", group="Network", icon="🛡")
    board = services.boards.add({"name": "Media", "columns": 4}).id
    for endpoint, x, y, w, h in [
        ("counts", 0, 0, 2, 1),
        ("health", 2, 0, 2, 1),
        ("queue", 0, 1, 2, 2),
        ("queue_progress", 2, 1, 2, 2),
    ]:
        services.widgets.add(
            {
                "board": board,
                "app": ids["Sonarr"],
                "endpoint": endpoint,
                "x": x,
                "y": y,
                "w": w,
                "h": h,
            }
        )
    services.widgets.add(
        {
            "board": board,
            "app": ids["Nextcloud"],
            "endpoint": "status",
            "x": 0,
            "y": 3,
            "w": 2,
            "h": 1,
        }
    )
    services.widgets.add(
        {
            "board": board,
            "app": ids["Jellyfin"],
            "endpoint": "alert",
            "x": 2,
            "y": 3,
            "w": 2,
            "h": 1,
        }
    )
    return ids
