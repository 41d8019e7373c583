"""Every renderer draws any data the models accept — and none of it as control or markup.

One property test per renderer kind, 10 000 hostile examples each (issue #8 §2 and §4): the
card's pure drawing function (at any size) and the CLI's text renderer (through the CLI's
``Output``) must not raise, must not emit a terminal control character or bidi override that
came from the data, and must not let markup in the data take effect (no link, no action, no
style parsed from a service's text).

10 000 examples per kind take a few minutes on a loaded machine; ``HOSTILE_EXAMPLES=200``
in the environment runs a quick pass while working on a renderer.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import Any

import plotext
import pytest
from hypothesis import given, settings
from textual.content import Content

from integrations.models import AlertData, ChartData, GaugeData, ListData, ProgressData, StatData
from launcher_tui.cli.output import Output
from launcher_tui.cli.render import render
from tests.security.strategies import (
    UNSAFE_CHARS,
    alert_data,
    chart_data,
    gauge_data,
    heights,
    list_data,
    progress_data,
    stat_data,
    widths,
)
from widgets.alert_banner import render_alerts
from widgets.alert_overlay import render_overlay
from widgets.chart import ChartHistory, draw_plot, render_sparklines
from widgets.gauge import render_gauge
from widgets.item_list import render_list
from widgets.progress import render_progress
from widgets.stat_card import render_stats

MANY = settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "10000")), deadline=None)

MARKUP_EFFECTS = ("@click", "link", "evil.example", "app.quit")
"""What a span style would contain had a service's ``[@click=…]``/``[link=…]`` been parsed."""


def assert_safe_content(content: Content) -> None:
    """No unsafe character in the drawn text, no style that came from markup in the data."""
    text = "".join(segment.text for segment in content.render_segments())
    bad = set(text) & UNSAFE_CHARS - {"\n"}
    assert not bad, f"terminal control from data reached the card: {sorted(map(repr, bad))}"
    for span in content.spans:
        style = str(span.style)
        assert not any(effect in style for effect in MARKUP_EFFECTS), style


def assert_safe_cli(data: Any) -> None:
    """The CLI's text output of ``data``, as written to the terminal, carries no control."""
    stream = io.StringIO()
    out = Output(stdout=stream, stderr=stream)
    out.lines(render(data))
    written = stream.getvalue()
    bad = set(written) & UNSAFE_CHARS - {"\n"}
    assert not bad, f"terminal control from data reached the CLI: {sorted(map(repr, bad))}"


def check(draw: Callable[[], Content], data: Any) -> None:
    assert_safe_content(draw())
    assert_safe_cli(data)


@MANY
@given(data=stat_data, width=widths, height=heights)
def test_stat_card(data: StatData, width: int, height: int) -> None:
    check(lambda: render_stats(data, width, height), data)


@MANY
@given(data=gauge_data, width=widths, height=heights)
def test_gauge(data: GaugeData, width: int, height: int) -> None:
    check(lambda: render_gauge(data, width, height), data)


@MANY
@given(data=list_data, width=widths)
def test_list(data: ListData, width: int) -> None:
    check(lambda: render_list(data, width), data)


@MANY
@given(data=progress_data, width=widths, height=heights)
def test_progress(data: ProgressData, width: int, height: int) -> None:
    check(lambda: render_progress(data, width, height), data)


@MANY
@given(data=alert_data, width=widths, height=heights)
def test_alert_banner_and_overlay(data: AlertData, width: int, height: int) -> None:
    check(lambda: render_alerts(data, width, height), data)
    assert_safe_content(render_overlay(list(data.alerts), width))


@MANY
@given(data=chart_data, width=widths, height=heights)
def test_chart_sparklines(data: ChartData, width: int, height: int) -> None:
    history = ChartHistory()
    history.merge(data)
    check(lambda: render_sparklines(history, data, width, height), data)


@settings(max_examples=1_000, deadline=None)
@given(data=chart_data)
def test_chart_plot(data: ChartData) -> None:
    """The plotted face (plotext raised on Infinity and ±1e308) draws every chart."""
    history = ChartHistory()
    history.merge(data)
    plotext.plotsize(40, 10)
    draw_plot(plotext, history, data, lambda index: (255, 0, 0))
    figure = plotext.build()
    assert isinstance(figure, str)


@pytest.mark.parametrize(
    "fragment",
    ["\x1b[2J", "\x1b]52;c;x\x07", "\u009b31m", "J\x00K", "\u202e", "[@click=app.quit]X[/]"],
)
def test_cli_error_lines_are_clean(fragment: str) -> None:
    """Error texts that never went through a model (exceptions) are cleaned by the CLI too."""
    stream = io.StringIO()
    out = Output(stdout=stream, stderr=stream)
    out.error(f"service said {fragment}", hint=f"hint {fragment}")
    out.note(fragment)
    out.line(fragment)
    assert not set(stream.getvalue()) & (UNSAFE_CHARS - {"\n"})
