"""Chart: time series as a line or bar chart, with history kept across refreshes.

Integrations often return only the latest sample; :class:`ChartHistory` merges every refresh
into a bounded per-series history (by timestamp, newest wins), so the chart grows into a line.
Large widgets draw an axis-labelled plot with textual-plotext (imported lazily, it costs
~160 ms) in the app theme's colours, with a legend for several series; small ones (see
:func:`chart_mode`) draw one block sparkline row per series with its latest value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import ComposeResult, RenderResult
from textual.color import Color
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from integrations.models import ChartData, Point, RendererKind
from widgets.format import format_duration, format_value
from widgets.layout import fit, join_lines, spread

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

ChartMode = Literal["sparkline", "plot"]

PLOT_MIN_HEIGHT = 8
"""Below this many rows the chart is a sparkline (axes would leave no room for the data)."""
PLOT_MIN_WIDTH = 30
"""Below this many columns the chart is a sparkline."""
DEFAULT_MAX_POINTS = 120
"""History kept per series by default (two hours of one-minute samples)."""
SERIES_VARIABLES = ("primary", "accent", "success", "secondary", "foreground")
"""Theme variables colouring series 1, 2, 3...; a plot follows the app theme."""
BLOCKS = "▁▂▃▄▅▆▇█"


def chart_mode(width: int, height: int) -> ChartMode:
    """``"plot"`` when there is room for axes, else ``"sparkline"``."""
    return "plot" if height >= PLOT_MIN_HEIGHT and width >= PLOT_MIN_WIDTH else "sparkline"


@dataclass
class ChartHistory:
    """Bounded per-series history merged from successive :class:`ChartData` answers.

    Points are keyed by timestamp: a repeated timestamp replaces the old value (a service that
    re-sends its last samples does not duplicate them); only the newest ``max_points`` stay.
    Series keep the order they first appeared in.
    """

    max_points: int = DEFAULT_MAX_POINTS
    series: dict[str, list[Point]] = field(default_factory=dict)

    def merge(self, data: ChartData) -> None:
        """Fold one answer into the history."""
        for series in data.series:
            by_time = {p.t: p for p in self.series.get(series.name, [])}
            by_time.update({p.t: p for p in series.points})
            merged = sorted(by_time.values(), key=lambda p: p.t)
            self.series[series.name] = merged[-self.max_points :]

    def values(self, name: str) -> list[float]:
        """The values of one series, oldest first."""
        return [p.v for p in self.series.get(name, [])]

    def clear(self) -> None:
        """Forget everything (e.g. the widget was re-pointed at another endpoint)."""
        self.series.clear()


def sparkline(
    values: Sequence[float], width: int, lo: float | None = None, hi: float | None = None
) -> str:
    """The last ``width`` values as block characters (``▁``…``█``), scaled to ``lo``..``hi``."""
    if width <= 0:
        return ""
    tail = list(values)[-width:]
    if not tail:
        return ""
    low = min(tail) if lo is None else lo
    high = max(tail) if hi is None else hi
    span = high - low
    top = len(BLOCKS) - 1
    if span <= 0:
        return BLOCKS[top // 2] * len(tail)
    return "".join(BLOCKS[round(max(0.0, min(1.0, (v - low) / span)) * top)] for v in tail)


def render_sparklines(
    history: ChartHistory, data: ChartData | None, width: int, height: int
) -> Content:
    """One row per series: ``name ▁▃▅▇ latest``; a lone series on a tall widget gets no name."""
    if data is None or not any(history.series.values()):
        return Content.styled("No data yet", "$text-muted")
    rows = []
    names = [n for n, pts in history.series.items() if pts][: max(1, height)]
    for index, name in enumerate(names):
        values = history.values(name)
        style = f"${SERIES_VARIABLES[index % len(SERIES_VARIABLES)]}"
        latest = Content.styled(format_value(values[-1], data.unit), "bold")
        label = Content(name) if len(names) > 1 or height > 1 else Content("")
        label_width = min(label.cell_length, width // 3)
        room = width - latest.cell_length - (label_width + 1 if label_width else 0) - 1
        line = sparkline(values, max(0, room), data.y_min, data.y_max)
        left = Content.assemble(fit(label, label_width), " " if label_width else "", (line, style))
        rows.append(spread(left, latest, width))
    return join_lines(rows)


def relative_ticks(times: Sequence[float], count: int = 4) -> tuple[list[float], list[str]]:
    """X ticks as ages relative to the newest sample (``-5m``, ``now``): no clock/timezone."""
    if not times:
        return [], []
    first, last = min(times), max(times)
    if last <= first:
        return [last], ["now"]
    step = (last - first) / (count - 1)
    ticks = [first + i * step for i in range(count)]
    labels = [("-" + format_duration(last - t)) if last - t >= 0.5 else "now" for t in ticks]
    return ticks, labels


class _Sparklines(Widget, can_focus=False):
    """The small-size face of a :class:`Chart`."""

    DEFAULT_CSS = """
    _Sparklines { width: 1fr; height: 1fr; }
    """

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self._chart = chart

    def render(self) -> RenderResult:
        size = self.content_size
        return render_sparklines(self._chart.history, self._chart.data, size.width, size.height)


class Chart(Widget, can_focus=False):
    """Renderer for :class:`ChartData`; keeps history, switches sparkline/plot by size."""

    kind: ClassVar[RendererKind] = RendererKind.CHART

    DEFAULT_CSS = """
    Chart {
        width: 1fr;
        height: 1fr;
    }
    Chart > PlotextPlot { display: none; }
    Chart.-plot > PlotextPlot { display: block; }
    Chart.-plot > _Sparklines { display: none; }
    """

    data: reactive[ChartData | None] = reactive(None)
    """The latest answer; setting it merges the points into :attr:`history`."""
    mode: reactive[ChartMode] = reactive[ChartMode]("sparkline")
    """Current face, from :func:`chart_mode` on each resize (read-only for callers)."""

    def __init__(
        self,
        data: ChartData | None = None,
        *,
        max_points: int = DEFAULT_MAX_POINTS,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args: data: a first answer; max_points: history kept per series."""
        super().__init__(name=name, id=id, classes=classes)
        self.history = ChartHistory(max_points=max_points)
        self._plot: PlotextPlot | None = None
        if data is not None:
            self.history.merge(data)
            self.set_reactive(Chart.data, data)

    def compose(self) -> ComposeResult:
        yield _Sparklines(self)

    def watch_data(self, data: ChartData | None) -> None:
        if data is not None:
            self.history.merge(data)
        self._redraw()

    def on_resize(self) -> None:
        self.mode = chart_mode(self.size.width, self.size.height)

    def watch_mode(self, mode: ChartMode) -> None:
        if mode == "plot" and self._plot is None and self.is_mounted:
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot()
            self.mount(self._plot)
        self.set_class(mode == "plot", "-plot")
        self._redraw()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        for child in self.query(_Sparklines):
            child.refresh()
        if self._plot is not None and self.mode == "plot":
            self._draw_plot(self._plot)

    def _series_colour(self, index: int) -> tuple[int, int, int]:
        variable = SERIES_VARIABLES[index % len(SERIES_VARIABLES)]
        return Color.parse(self.app.theme_variables.get(variable, "white")).rgb

    def _draw_plot(self, plot: PlotextPlot) -> None:
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        data = self.data
        named = [(n, pts) for n, pts in self.history.series.items() if pts]
        if data is None or not named:
            plot.refresh()
            return
        all_times = [p.t for _, pts in named for p in pts]
        for index, (name, points) in enumerate(named):
            xs = [p.t for p in points]
            ys = [p.v for p in points]
            label = name if len(named) > 1 else None
            colour = self._series_colour(index)
            if data.style == "bar":
                plt.bar(xs, ys, label=label, color=colour, width=0.6 / len(named))
            else:
                plt.plot(xs, ys, label=label, color=colour, marker="braille")
        ticks, labels = relative_ticks(all_times)
        plt.xticks(ticks, labels)
        values = [p.v for _, pts in named for p in pts]
        lo = data.y_min if data.y_min is not None else min(values)
        hi = data.y_max if data.y_max is not None else max(values)
        if hi <= lo:
            hi = lo + 1
        plt.ylim(lo, hi)
        y_ticks = [lo + (hi - lo) * i / 3 for i in range(4)]
        plt.yticks(y_ticks, [format_value(v, data.unit) for v in y_ticks])
        plot.refresh()
