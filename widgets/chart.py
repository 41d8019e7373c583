"""Chart: time series as a line or bar chart, with history kept across refreshes.

Integrations often return only the latest sample; :class:`ChartHistory` merges every refresh
into a bounded per-series history (by timestamp, newest wins), so the chart grows into a line.
Large widgets draw an axis-labelled plot with textual-plotext (imported lazily, it costs
~160 ms) in the app theme's colours, with a legend for several series; small ones (see
:func:`chart_mode`) draw one block sparkline row per series with its latest value.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual.app import ComposeResult, RenderResult
from textual.color import Color
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from integrations.models import ChartData, Point, RendererKind
from widgets.contain import contained
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
PLOT_LIMIT = 1e15
"""Values beyond ±this are drawn at the limit on a plot (plotext's scaling overflows on ±1e308);
the latest value beside it still says the real number."""


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
    tail = [_plottable(v) for v in list(values)[-width:]]
    finite = [v for v in tail if v is not None]
    if not finite:
        return " " * len(tail)  # NaN / infinite samples are gaps, not guesses
    low = min(finite) if lo is None or not math.isfinite(lo) else _clamp(lo)
    high = max(finite) if hi is None or not math.isfinite(hi) else _clamp(hi)
    span = high - low
    top = len(BLOCKS) - 1
    if span <= 0:
        return "".join(BLOCKS[top // 2] if v is not None else " " for v in tail)
    return "".join(
        BLOCKS[round(max(0.0, min(1.0, (v - low) / span)) * top)] if v is not None else " "
        for v in tail
    )


def _clamp(value: float) -> float:
    return max(-PLOT_LIMIT, min(PLOT_LIMIT, value))


def _plottable(value: float) -> float | None:
    """``value`` within ±:data:`PLOT_LIMIT`, or ``None`` for NaN (a gap in the line)."""
    if math.isnan(value):
        return None
    return _clamp(value)


def plot_series(points: Sequence[Point]) -> tuple[list[float], list[float]]:
    """The x (time) and y lists a plot can draw: no NaN anywhere, magnitudes within limits."""
    xs, ys = [], []
    for point in points:
        y = _plottable(point.v)
        if y is None or not math.isfinite(point.t) or abs(point.t) > PLOT_LIMIT:
            continue
        xs.append(point.t)
        ys.append(y)
    return xs, ys


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
    ticks: list[float] = []
    labels: list[str] = []
    for t in (first + i * step for i in range(count)):
        label = ("-" + format_duration(last - t)) if last - t >= 0.5 else "now"
        if labels and labels[-1] == label:  # samples close together: one label, not four
            ticks[-1], labels[-1] = t, label
            continue
        ticks.append(t)
        labels.append(label)
    return ticks, labels


def legend_content(names: Sequence[str], colour: Callable[[int], str]) -> Content:
    """``━ 1 min  ━ 5 min`` — series names in their colours, a row of its own over the plot
    (plotext's own legend is drawn inside the plot area and covered the data)."""
    parts = [
        Content.assemble(("━ ", f"bold {colour(index)}"), Content(name))
        for index, name in enumerate(names)
    ]
    return Content("  ").join(parts)


class _Sparklines(Widget, can_focus=False):
    """The small-size face of a :class:`Chart`."""

    DEFAULT_CSS = """
    _Sparklines { width: 1fr; height: 1fr; }
    """

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self._chart = chart

    @contained
    def render(self) -> RenderResult:
        size = self.content_size
        return render_sparklines(self._chart.history, self._chart.data, size.width, size.height)


class _Legend(Widget, can_focus=False):
    """The plot's legend, on its own row above the plot (only with several series)."""

    DEFAULT_CSS = """
    _Legend { width: 1fr; height: 1; }
    """

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self._chart = chart

    @contained
    def render(self) -> RenderResult:
        names = [n for n, pts in self._chart.history.series.items() if pts]
        return fit(
            legend_content(names, lambda i: f"${SERIES_VARIABLES[i % len(SERIES_VARIABLES)]}"),
            self.content_size.width,
        )


class Chart(Widget, can_focus=False):
    """Renderer for :class:`ChartData`; keeps history, switches sparkline/plot by size."""

    kind: ClassVar[RendererKind] = RendererKind.CHART

    DEFAULT_CSS = """
    Chart {
        width: 1fr;
        height: 1fr;
    }
    Chart > PlotextPlot { display: none; }
    Chart > _Legend { display: none; }
    Chart.-plot > PlotextPlot { display: block; }
    Chart.-plot.-legend > _Legend { display: block; }
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
        mode = chart_mode(self.size.width, self.size.height)
        if mode == self.mode:
            self._redraw()  # same face, new size: draw it again now, not on the next data
        self.mode = mode

    def watch_mode(self, mode: ChartMode) -> None:
        if mode == "plot" and self._plot is None and self.is_mounted:
            self._plot = _guarded_plot_class()()
            self.mount(_Legend(self))
            self.mount(self._plot)
        self.set_class(mode == "plot", "-plot")
        self._redraw()

    @contained
    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        self.set_class(sum(1 for pts in self.history.series.values() if pts) > 1, "-legend")
        for child in self.query(_Sparklines):
            child.refresh()
        for legend in self.query(_Legend):
            legend.refresh()
        if self._plot is not None and self.mode == "plot":
            self._draw_plot(self._plot)

    def _series_colour(self, index: int) -> tuple[int, int, int]:
        variable = SERIES_VARIABLES[index % len(SERIES_VARIABLES)]
        return Color.parse(self.app.theme_variables.get(variable, "white")).rgb

    def _draw_plot(self, plot: PlotextPlot) -> None:
        draw_plot(plot.plt, self.history, self.data, self._series_colour)
        plot.refresh()


TICK_LABEL_MAX = 12
"""Widest y tick label: a longer unit is left off (a wide label leaves plotext no plot area)."""


def tick_label(value: float, unit: str) -> str:
    """``value`` with its unit for the y axis, or the number alone when that would be too wide."""
    text = format_value(value, unit)
    return text if len(text) <= TICK_LABEL_MAX else format_value(value, "")


def y_range(
    values: Sequence[float], y_min: float | None, y_max: float | None, *, bars: bool = False
) -> tuple[float, float]:
    """The plot's y limits: ``y_min``/``y_max`` where given, widened to hold every value.

    A range that cut values off would make plotext rasterise bars far outside the canvas (a
    service's 1e15 against a 0..1 range took gigabytes); bars also need their base, 0. A range
    too narrow for floats to tell its ends apart is widened.
    """
    lo = min(values)
    hi = max(values)
    if y_min is not None and math.isfinite(y_min):
        lo = min(lo, _clamp(y_min))
    if y_max is not None and math.isfinite(y_max):
        hi = max(hi, _clamp(y_max))
    if bars:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < max(1e-9, 1e-9 * max(abs(lo), abs(hi))):
        hi = lo + max(1.0, abs(lo) * 1e-6)
    return lo, hi


@functools.cache
def _guarded_plot_class() -> type[PlotextPlot]:
    """PlotextPlot whose ``render`` (where plotext builds the figure) is :func:`contained`."""
    from textual_plotext import PlotextPlot

    class _Plot(PlotextPlot):
        render = contained(PlotextPlot.render)

    return _Plot


def draw_plot(
    plt: Any, history: ChartHistory, data: ChartData | None, colour: Callable[[int], object]
) -> None:
    """Draw ``history`` on a plotext module-like ``plt`` (pure: testable without an app).

    NaN samples are left out (a gap), values beyond ±:data:`PLOT_LIMIT` are drawn at the limit
    and non-finite ``y_min``/``y_max`` are ignored, so no sample can make plotext raise.
    """
    plt.clear_data()
    plt.clear_figure()
    named = [(n, plot_series(pts)) for n, pts in history.series.items()]
    named = [(n, xy) for n, xy in named if xy[0]]
    if data is None or not named:
        return
    all_times = [t for _, (xs, _ys) in named for t in xs]
    for index, (_name, (xs, ys)) in enumerate(named):
        # no plotext label: its legend sits inside the plot, over the data (see _Legend)
        if data.style == "bar":
            plt.bar(xs, ys, color=colour(index), width=0.6 / len(named))
        else:
            plt.plot(xs, ys, color=colour(index), marker="braille")
    ticks, labels = relative_ticks(all_times)
    plt.xticks(ticks, labels)
    values = [y for _, (_xs, ys) in named for y in ys]
    lo, hi = y_range(values, data.y_min, data.y_max, bars=data.style == "bar")
    plt.ylim(lo, hi)
    y_ticks = [lo + (hi - lo) * i / 3 for i in range(4)]
    plt.yticks(y_ticks, [tick_label(v, data.unit) for v in y_ticks])
