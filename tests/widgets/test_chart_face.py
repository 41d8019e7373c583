"""Charts at every size (issue 10): the legend never covers data, one sample does not print
``now now now now``, and a resize redraws at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual_plotext import PlotextPlot

from integrations.models import ChartData, Point, Series
from tests.widgets.test_widgets_app import NOW, Host, visible_text
from widgets.chart import Chart, _Legend, relative_ticks


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=30))
def test_tick_labels_never_repeat(times):
    ticks, labels = relative_ticks(times)
    assert len(labels) == len(set(labels)) == len(ticks)
    assert labels[-1] == "now"


def test_samples_a_moment_apart_read_now_once():
    assert relative_ticks([NOW, NOW + 0.1, NOW + 0.2])[1] == ["now"]


def load(n: int) -> ChartData:
    return ChartData(
        series=[
            Series(name=name, points=[Point(t=NOW + i, v=(i + k) % 5) for i in range(n)])
            for k, name in enumerate(["1 min", "5 min", "15 min"])
        ]
    )


async def test_legend_has_its_own_row_above_the_plot_and_resize_redraws() -> None:
    chart = Chart()
    app = Host(chart)
    async with app.run_test(size=(60, 20)) as pilot:
        chart.data = load(20)
        await pilot.pause()
        plot = chart.query_one(PlotextPlot)
        legend = chart.query_one(_Legend)
        assert chart.mode == "plot" and legend.display
        assert "1 min" in visible_text(legend) and "15 min" in visible_text(legend)
        assert legend.region.bottom <= plot.region.y  # above, never over the data
        assert "min" not in visible_text(plot)  # plotext draws no legend inside the plot
        before = visible_text(plot)
        chart.styles.width = 40
        await pilot.pause()
        after = visible_text(plot)
        assert after != before and max(len(line) for line in after.splitlines()) <= 40


async def test_one_series_needs_no_legend() -> None:
    chart = Chart()
    app = Host(chart)
    async with app.run_test(size=(60, 20)) as pilot:
        chart.data = ChartData(series=[Series(name="cpu", points=[Point(t=NOW, v=1.0)])])
        await pilot.pause()
        assert chart.mode == "plot"
        assert not chart.query_one(_Legend).display
        assert visible_text(chart.query_one(PlotextPlot)).count("now") == 1
