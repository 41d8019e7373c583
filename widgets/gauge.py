"""Gauge: a value against a range as a horizontal bar, coloured by its threshold level.

The track beyond the warning and critical thresholds is tinted with the muted warning/error
colours, so a person sees how close the value is to trouble, not just where it is.

Layouts by height (see :func:`render_gauge`): one row is ``label bar value``; two rows put
``label … value`` over a full-width bar; three or more add a scale line (minimum, thresholds,
maximum) under the bar, so a gauge alone in a card fills it instead of leaving it empty.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive

from integrations.models import GaugeData, RendererKind, Severity
from widgets.contain import contained
from widgets.format import format_value
from widgets.layout import fit_label, spread
from widgets.levels import LEVEL_ICON, level_style
from widgets.renderer import Renderer


def _threshold_cell(data: GaugeData, threshold: float | None, width: int) -> int | None:
    span = data.max - data.min
    if threshold is None or span <= 0:
        return None
    return round(max(0.0, min(1.0, (threshold - data.min) / span)) * width)


def _in_zone(data: GaugeData, cell: int, threshold_cell: int | None) -> bool:
    """Whether a track cell lies past a threshold, in the gauge's bad direction."""
    if threshold_cell is None:
        return False
    return cell < threshold_cell if data.low_is_bad else cell >= threshold_cell


def gauge_bar(data: GaugeData, width: int) -> Content:
    """The bar alone: filled in the level colour, track tinted past the thresholds."""
    if width <= 0:
        return Content("")
    halves = round(data.fraction * width * 2)
    filled, has_half = divmod(halves, 2)
    warn_at = _threshold_cell(data, data.warning, width)
    crit_at = _threshold_cell(data, data.critical, width)
    fill_style = level_style(data.level)
    parts: list[tuple[str, str]] = []
    for cell in range(width):
        if cell < filled:
            parts.append(("━", fill_style))
            continue
        glyph = "╸" if cell == filled and has_half else "─"
        if glyph == "╸":
            style = fill_style
        elif _in_zone(data, cell, crit_at):
            style = "$error-muted"
        elif _in_zone(data, cell, warn_at):
            style = "$warning-muted"
        else:
            style = "$foreground-muted"
        parts.append((glyph, style))
    return Content.assemble(*parts).simplify()


def gauge_value_text(data: GaugeData) -> str:
    """``72%`` or ``3.1 GiB / 8 GiB`` (absolute units show the maximum too)."""
    value = format_value(data.value, data.unit)
    if data.unit == "%" or not data.unit:
        return value
    return f"{value} / {format_value(data.max, data.unit)}"


COMPACT_MIN_BAR = 6
"""The one-row gauge keeps at least this many bar cells; the label gives way first."""


def scale_line(data: GaugeData, width: int) -> Content:
    """``0%   ⚠ 80% · ✖ 90%   100%``: the range ends, with the thresholds between when they fit.

    Threshold marks use the muted text style plus the level's icon, so they inform without
    competing with the value above.
    """
    low = Content.styled(format_value(data.min, data.unit), "$text-muted")
    high = Content.styled(format_value(data.max, data.unit), "$text-muted")
    marks = [
        Content.assemble(
            (f"{LEVEL_ICON[level]} ", level_style(level)),
            (format_value(t, data.unit), "$text-muted"),
        )
        for level, t in ((Severity.WARNING, data.warning), (Severity.CRITICAL, data.critical))
        if t is not None
    ]
    middle = Content("  ").join(marks)
    room = width - low.cell_length - high.cell_length
    if not marks or middle.cell_length + 4 > room:
        return spread(low, high, width)
    left_pad = (room - middle.cell_length) // 2
    right_pad = room - middle.cell_length - left_pad
    return Content.assemble(low, " " * left_pad, middle, " " * right_pad, high)


def render_gauge(data: GaugeData | None, width: int, height: int) -> Content:
    """The gauge for a ``width`` by ``height`` area (pure; tests call it without an app).

    Three rows or more: ``label … value``, the bar, then :func:`scale_line`. Two rows: the
    first two. One row: ``label bar value``, the label cut before the bar gets too short.
    """
    if data is None:
        return Content.styled("No data", "$text-muted")
    value = Content.styled(gauge_value_text(data), level_style(data.level, bold=True))
    if height >= 2:
        label = fit_label(Content(data.label), width - value.cell_length - 2)
        lines = [spread(label, value, width, gap=2), gauge_bar(data, width)]
        if height >= 3:
            lines.append(scale_line(data, width))
        return Content("\n").join(lines)
    room = width - value.cell_length - 2
    label = fit_label(
        Content(data.label), max(0, min(room - COMPACT_MIN_BAR, Content(data.label).cell_length))
    )
    bar_width = room - label.cell_length
    return Content.assemble(label, " ", gauge_bar(data, max(0, bar_width)), " ", value)


class Gauge(Renderer):
    """Renderer for :class:`GaugeData` (level class from the value's thresholds)."""

    kind: ClassVar[RendererKind] = RendererKind.GAUGE

    DEFAULT_CSS = """
    Gauge {
        width: 1fr;
        height: 1fr;
        content-align: left middle;
    }
    """

    data: reactive[GaugeData | None] = reactive(None)
    """The gauge's value and range; ``None`` until the first fetch."""

    @property
    def level(self) -> Severity:
        return self.data.level if self.data else Severity.OK

    @contained
    def render(self) -> RenderResult:
        return render_gauge(self.data, self.content_size.width, self.content_size.height)
