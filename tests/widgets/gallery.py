"""A gallery app with every renderer, an error card and a stale card, for snapshots and demos.

Run it by hand with ``python -m tests.widgets.gallery`` (``--chart`` for the large chart).
Data and clocks are fixed so snapshots are deterministic.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import Grid

from integrations.base import Action, Endpoint
from integrations.errors import AuthError, UnreachableError
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
    RendererKind,
    Series,
    Severity,
    Stat,
    StatData,
)
from launcher_tui.cache import CacheEntry
from widgets.alert_overlay import AlertOverlay
from widgets.integration_widget import IntegrationWidget

NOW = 1_700_000_000.0
"""The gallery's fake wall clock (every "ago" is relative to it)."""


def screen_text(app: App[object]) -> str:
    """Everything on a running app's screen as plain text (for assertions in tests)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def clock() -> float:
    return NOW


def entry(
    data: object, *, age: float = 12.0, stale: bool = False, error: BaseException | None = None
) -> CacheEntry[FetchResult]:
    """A cache entry fetched ``age`` seconds before :data:`NOW`."""
    return CacheEntry(
        value=FetchResult(data=data, fetched_at=NOW - age),  # type: ignore[arg-type]
        fetched_at=NOW - age,
        loaded_at=0.0,
        stale=stale,
        error=error,
    )


STATS = StatData(
    stats=[
        Stat(label="Wanted", value=1234567, delta=12, level=Severity.WARNING),
        Stat(label="Queued", value=3, delta=-1),
        Stat(label="Disk", value=3.5 * 1024**4, unit="B", level=Severity.CRITICAL),
    ]
)
BIG_STAT = StatData(stats=[Stat(label="Series", value=482, delta=2)])
GAUGE = GaugeData(label="CPU", value=82.0, warning=70, critical=90)
LIST = ListData(
    rows=[
        ListRow(title="Nextcloud", detail="200 OK · 85 ms", status="up"),
        ListRow(
            title="Jellyfin", detail="slow answer 2.3 s", status="slow", level=Severity.WARNING
        ),
        ListRow(title="Gitea", detail="connection refused", status="down", level=Severity.CRITICAL),
    ],
    total=7,
)
PROGRESS = ProgressData(
    items=[
        ProgressItem(label="ubuntu-24.04.iso", percent=42.0, eta_seconds=3900),
        ProgressItem(label="backup.tar", percent=100.0),
        ProgressItem(label="stalled.mkv", percent=7.5, level=Severity.WARNING, detail="no peers"),
    ]
)
ALERTS = AlertData(
    alerts=[
        Alert(severity=Severity.WARNING, message="Disk /srv 91% full", source="System"),
        Alert(severity=Severity.CRITICAL, message="Gitea is down", source="Uptime Kuma"),
    ]
)
CHART = ChartData(
    series=[
        Series(
            name="down",
            points=[Point(t=NOW - 60 * (30 - i), v=(i * 37 % 23) * 1e5) for i in range(31)],
        ),
        Series(
            name="up",
            points=[Point(t=NOW - 60 * (30 - i), v=(i * 11 % 13) * 4e4) for i in range(31)],
        ),
    ],
    unit="B/s",
)
OVERLAY_ALERTS = [
    Alert(severity=Severity.CRITICAL, message="Gitea is down", source="Uptime Kuma", key="gitea"),
    Alert(
        severity=Severity.WARNING, message="Disk /srv 91% full", source="System", key="disk:/srv"
    ),
    Alert(
        severity=Severity.WARNING,
        message="2 stalled torrents",
        source="Transmission",
        key="stalled",
    ),
]

CARDS: list[tuple[str, str, RendererKind, object]] = [
    ("sonarr", "Library", RendererKind.STAT, STATS),
    ("sonarr2", "Series", RendererKind.STAT, BIG_STAT),
    ("system", "CPU", RendererKind.GAUGE, GAUGE),
    ("kuma", "Monitors", RendererKind.LIST, LIST),
    ("transmission", "Torrents", RendererKind.PROGRESS, PROGRESS),
    ("alerts", "Alerts", RendererKind.ALERT, ALERTS),
    ("net", "Traffic", RendererKind.CHART, CHART),
]


def card(
    app_id: str, endpoint: str, kind: RendererKind, actions: tuple[Action, ...] = ()
) -> IntegrationWidget:
    return IntegrationWidget(
        Endpoint(endpoint.lower(), endpoint, kind),
        app_name=app_id.capitalize(),
        app_id=app_id,
        actions=actions,
        clock=clock,
        id=f"card-{app_id}",
    )


class Gallery(App[None]):
    """Every renderer in a card, plus an error card and a stale card, under the overlay."""

    CSS = """
    Grid { grid-size: 3 3; grid-gutter: 0; }
    """

    def compose(self) -> ComposeResult:
        yield AlertOverlay(id="overlay")
        with Grid():
            for app_id, endpoint, kind, _ in CARDS:
                yield card(app_id, endpoint, kind)
            yield card("broken", "Queue", RendererKind.LIST)
            yield card(
                "stale",
                "Speeds",
                RendererKind.GAUGE,
                (Action("pause_all", "Pause all", "Pause?", key="p"),),
            )

    def on_mount(self) -> None:
        self.query_one(AlertOverlay).update_alerts(OVERLAY_ALERTS)
        for app_id, _, _, data in CARDS:
            self.query_one(f"#card-{app_id}", IntegrationWidget).show_entry(entry(data))
        self.query_one("#card-broken", IntegrationWidget).show_error(
            AuthError("Sonarr refused the API key (HTTP 401).")
        )
        stale = self.query_one("#card-stale", IntegrationWidget)
        stale.show_entry(entry(GaugeData(label="Down", value=35.0, unit="%"), age=150))
        stale.show_error(UnreachableError("Connection refused by 127.0.0.1:9091."))


class ChartGallery(App[None]):
    """One large chart card: axes, relative time ticks and a two-series legend."""

    def compose(self) -> ComposeResult:
        yield card("net", "Traffic", RendererKind.CHART)

    def on_mount(self) -> None:
        self.query_one(IntegrationWidget).show_entry(entry(CHART))


if __name__ == "__main__":
    (ChartGallery() if "--chart" in sys.argv else Gallery()).run()
