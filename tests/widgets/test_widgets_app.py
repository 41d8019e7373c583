"""Widgets mounted in a tiny app: visible content, level classes, card states, keys, overlay."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static

from integrations.base import Action, Endpoint
from integrations.errors import BadResponseError, UnreachableError
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
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
from tests.app.demo import wait_until
from tests.widgets.gallery import NOW, entry, screen_text
from widgets.alert_banner import AlertBanner
from widgets.alert_overlay import AlertOverlay
from widgets.chart import Chart
from widgets.gauge import Gauge
from widgets.integration_widget import IntegrationWidget, renderer_for
from widgets.item_list import ItemList
from widgets.progress import ProgressList
from widgets.stat_card import StatCard


class Host(App[None]):
    """Mounts the given widgets and records the card messages it receives."""

    def __init__(self, *widgets: Widget) -> None:
        super().__init__()
        self._widgets = widgets
        self.messages: list[object] = []

    def compose(self) -> ComposeResult:
        yield from self._widgets

    def on_integration_widget_refresh_requested(
        self, message: IntegrationWidget.RefreshRequested
    ) -> None:
        self.messages.append(message)

    def on_integration_widget_action_requested(
        self, message: IntegrationWidget.ActionRequested
    ) -> None:
        self.messages.append(message)


def visible_text(widget: Widget) -> str:
    """The widget's rendered lines as text."""
    return "\n".join(line.text for line in widget.render_lines(widget.size.region))  # type: ignore[arg-type]


async def test_renderers_show_their_data_and_level_classes() -> None:
    stat = StatCard(StatData(stats=[Stat(label="Wanted", value=1234567, level=Severity.WARNING)]))
    gauge = Gauge(GaugeData(label="CPU", value=95, warning=70, critical=90))
    lst = ItemList(ListData(rows=[ListRow(title="Gitea", status="down", level=Severity.CRITICAL)]))
    progress = ProgressList(
        ProgressData(items=[ProgressItem(label="iso", percent=42, eta_seconds=65)])
    )
    banner = AlertBanner(
        AlertData(alerts=[Alert(severity=Severity.WARNING, message="Disk full", source="System")])
    )
    app = Host(stat, gauge, lst, progress, banner)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        assert "Wanted" in visible_text(stat) and stat.has_class("-warning")
        assert "╺┓" in visible_text(stat)  # a lone stat in a roomy widget uses big digits
        assert "95%" in visible_text(gauge) and gauge.has_class("-critical")
        assert "Gitea" in visible_text(lst.query_one(Static)) and lst.has_class("-critical")
        assert "ETA 1m 5s" in visible_text(progress) and progress.has_class("-ok")
        assert "Disk full — System" in visible_text(banner) and banner.has_class("-warning")
        # classes follow new data
        gauge.data = GaugeData(label="CPU", value=10, warning=70, critical=90)
        banner.data = AlertData(alerts=[])
        await pilot.pause()
        assert gauge.has_class("-ok") and not gauge.has_class("-critical")
        assert "All clear" in visible_text(banner) and banner.has_class("-ok")
        assert not any(w.can_focus for w in (stat, gauge, lst, progress, banner))


async def test_list_scrolls_when_longer_than_the_widget() -> None:
    rows = [ListRow(title=f"row {i}", detail="d") for i in range(20)]
    lst = ItemList(ListData(rows=rows, total=25))
    card = IntegrationWidget(Endpoint("q", "Queue", RendererKind.LIST), app_name="Sonarr")
    app = Host(card)
    async with app.run_test(size=(40, 12)) as pilot:
        card.show_entry(entry(ListData(rows=rows, total=25)))
        await pilot.pause()
        renderer = card.renderer
        assert isinstance(renderer, ItemList) and renderer.max_scroll_y > 0
        card.focus()
        await pilot.press("pagedown")
        assert renderer.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert renderer.scroll_y == renderer.max_scroll_y
        assert "+5 more" in screen_text(app)
    assert lst.data is not None  # constructor data kept without mounting


async def test_chart_switches_face_by_size_and_keeps_history() -> None:
    chart = Chart()
    app = Host(chart)
    async with app.run_test(size=(60, 20)) as pilot:
        for i in range(3):
            chart.data = ChartData(
                series=[Series(name="cpu", points=[Point(t=NOW + i, v=i * 10)])], unit="%"
            )
        await pilot.pause()
        assert chart.history.values("cpu") == [0, 10, 20]
        assert chart.mode == "plot" and chart.has_class("-plot")
        from textual_plotext import PlotextPlot

        plot = chart.query_one(PlotextPlot)
        assert plot.display and "now" in visible_text(plot)
        chart.styles.height = 4
        await pilot.pause()
        assert chart.mode == "sparkline" and not plot.display
        assert "20%" in screen_text(app)


async def test_card_loading_then_data_then_error_with_stale_badge() -> None:
    now = [NOW]
    card = IntegrationWidget(
        Endpoint("cpu", "CPU", RendererKind.GAUGE), app_name="System", clock=lambda: now[0]
    )
    app = Host(card)
    async with app.run_test(size=(50, 10)) as pilot:
        card.show_loading()
        await pilot.pause()
        assert card.has_class("-loading") and card.query_one(LoadingIndicator).display
        assert card.border_title == "CPU · System"

        card.show_entry(entry(GaugeData(label="CPU", value=42), age=3))
        await pilot.pause()
        assert card.state == "ready" and not card.query(LoadingIndicator)  # no idle animation
        assert "42%" in screen_text(app) and "updated just now" in screen_text(app)

        now[0] += 60  # the app's age ticker refreshes shown cards' ages
        await wait_until(pilot, lambda: "updated 1 min ago" in screen_text(app))

        card.show_loading()  # a refresh with data on screen keeps the data
        await pilot.pause()
        assert card.state == "ready" and "refreshing…" in screen_text(app)

        card.show_error(UnreachableError("Connection refused"))
        await pilot.pause()
        text = screen_text(app)
        assert card.has_class("-stale") and "42%" in text
        assert "stale, 1 min ago · Cannot connect" in text

        card.show_entry(entry(GaugeData(label="CPU", value=50), age=0))
        await pilot.pause()
        assert card.state == "ready" and not card.has_class("-stale") and "50%" in screen_text(app)


async def test_card_error_without_data_shows_title_message_hint() -> None:
    card = IntegrationWidget(Endpoint("q", "Queue", RendererKind.LIST), app_name="Sonarr")
    app = Host(card)
    async with app.run_test(size=(70, 10)) as pilot:
        card.show_error(BadResponseError("sonarr: unexpected answer for queue"))
        await pilot.pause()
        text = screen_text(app)
        assert card.has_class("-error") and not card.renderer.display
        assert "Unexpected response" in text
        assert "sonarr: unexpected answer for queue" in text
        assert "login page" in text  # the error's hint


async def test_stale_cache_entry_shows_badge() -> None:
    card = IntegrationWidget(
        Endpoint("q", "Stats", RendererKind.STAT), app_name="Sonarr", clock=lambda: NOW
    )
    app = Host(card)
    async with app.run_test(size=(60, 10)) as pilot:
        data = StatData(stats=[Stat(label="Series", value=12)])
        card.show_entry(entry(data, age=30, stale=True, error=UnreachableError("down")))
        await pilot.pause()
        assert card.state == "stale" and "stale, 30 s ago · Cannot connect" in screen_text(app)


async def test_refresh_and_action_keys_post_messages() -> None:
    pause = Action("pause_all", "Pause all", "Pause every torrent?", key="p")
    shadowed = Action("reload", "Reload", "Reload?", key="r")
    card = IntegrationWidget(
        Endpoint("torrents", "Torrents", RendererKind.PROGRESS),
        app_name="Transmission",
        app_id="app-7",
        actions=[pause, shadowed],
    )
    app = Host(card)
    async with app.run_test(size=(60, 10)) as pilot:
        card.focus()
        await pilot.press("r", "p", "x")
        await pilot.pause()
        kinds = [type(m).__name__ for m in app.messages]
        assert kinds == ["RefreshRequested", "ActionRequested"]
        refresh, action = app.messages
        assert refresh.app_id == "app-7" and refresh.endpoint_id == "torrents"  # type: ignore[attr-defined]
        assert action.action is pause and action.widget is card  # type: ignore[attr-defined]
        assert card.border_subtitle == "r refresh · p Pause all"


async def test_unfocused_card_ignores_keys() -> None:
    card = IntegrationWidget(Endpoint("t", "T", RendererKind.STAT), app_name="A")
    app = Host(card)
    async with app.run_test(size=(40, 8)) as pilot:
        app.set_focus(None)
        await pilot.press("r")
        assert app.messages == []


async def test_alert_overlay_shows_and_hides() -> None:
    overlay = AlertOverlay()
    app = Host(overlay, Static("board"))
    critical = Alert(severity=Severity.CRITICAL, message="Gitea down", source="Kuma", key="gitea")
    warning = Alert(severity=Severity.WARNING, message="Disk", source="System", key="disk")
    info = Alert(severity=Severity.INFO, message="Update available", source="Sonarr")
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert not overlay.display
        overlay.update_alerts([critical, warning, warning, info])
        await pilot.pause()
        assert overlay.display and overlay.has_class("-critical")
        assert overlay.critical_count == 1 and overlay.warning_count == 1
        text = screen_text(app)
        assert "Gitea down — Kuma" in text and "1 warning" in text and "Update" not in text
        assert text.index("Gitea down") < text.index("board")  # in the flow, above the board
        overlay.update_alerts([warning])
        await pilot.pause()
        assert overlay.display and not overlay.has_class("-critical")
        overlay.update_alerts([info])
        await pilot.pause()
        assert not overlay.display and "Gitea" not in screen_text(app)


def test_renderer_for_every_kind() -> None:
    expected = {
        RendererKind.STAT: StatCard,
        RendererKind.GAUGE: Gauge,
        RendererKind.LIST: ItemList,
        RendererKind.PROGRESS: ProgressList,
        RendererKind.ALERT: AlertBanner,
        RendererKind.CHART: Chart,
    }
    for kind, cls in expected.items():
        widget = renderer_for(kind)
        assert type(widget) is cls and widget.kind == kind  # type: ignore[attr-defined]
    assert isinstance(renderer_for("gauge"), Gauge)
