"""Snapshots of the gallery (all six renderers, an error and a stale card) and a large chart.

Each snapshot has a ``run_test`` smoke twin: ``snap_compare`` happily records a crashed app.
Accept changes with ``pytest tests/widgets --snapshot-update`` and look at the SVG first.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tests.widgets.gallery import ChartGallery, Gallery, screen_text
from widgets.chart import Chart
from widgets.integration_widget import IntegrationWidget

SIZE = (100, 30)


async def settle(pilot: Pilot[None]) -> None:
    """Let the chart mount its plot after the first resize."""
    await pilot.pause()
    await pilot.pause()


async def test_gallery_smoke() -> None:
    app = Gallery()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for expected in (
            "Gitea is down — Uptime Kuma",  # overlay
            "2 warnings",
            "1.2 M",  # stat
            "82%",  # gauge
            "Nextcloud",  # list
            "ETA 1h 5m",  # progress
            "Disk /srv 91% full",  # alert banner
            "585.9 KiB/s",  # chart sparkline latest value
            "Authentication failed",  # error card
            "stale, 2 min ago",  # stale card
            "p Pause all",
        ):
            assert expected in text, expected
        states = {w.id: w.state for w in app.query(IntegrationWidget)}
        assert states["card-broken"] == "error" and states["card-stale"] == "stale"
        assert list(states.values()).count("ready") == 7


def test_gallery_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(Gallery(), terminal_size=SIZE, run_before=settle)


async def test_chart_gallery_smoke() -> None:
    app = ChartGallery()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one(Chart).mode == "plot"
        text = screen_text(app)
        assert "now" in text and "-30m" in text and "down" in text and "up" in text
        assert "MiB/s" in text  # humanized y axis


def test_chart_gallery_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(ChartGallery(), terminal_size=SIZE, run_before=settle)
