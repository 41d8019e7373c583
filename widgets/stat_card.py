"""Stat card: one or several labelled values with unit, trend arrow and threshold colour.

Roomy cards show each value large (three-row digits for a lone stat, a bold value over its label
for several side by side); small cards fall back to one ``label … value ▲delta`` line per stat.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.renderables.digits import Digits

from integrations.models import RendererKind, Severity, Stat, StatData, worst
from widgets.contain import contained
from widgets.format import format_delta, format_value
from widgets.layout import center, fit, join_lines, spread
from widgets.levels import level_style
from widgets.renderer import Renderer

BIG_DIGITS_MIN_HEIGHT = 5
"""A lone stat is drawn with three-row digits from this many rows (digits + label + unit)."""


def big_lines(text: str) -> list[str]:
    """``text`` as three rows of bold box-drawing digits (characters Digits lacks stay small)."""
    rows = "".join(segment.text for segment in Digits(text).render(Style(bold=True)))
    return rows.split("\n")[:3]


def _delta_content(stat: Stat) -> Content:
    text = format_delta(stat.delta, stat.unit)
    return Content.styled(text, "$text-muted") if text else Content("")


def _value_content(stat: Stat) -> Content:
    return Content.styled(format_value(stat.value, stat.unit), level_style(stat.level, bold=True))


def _compact_line(label: Content, right: Content, width: int) -> Content:
    """``label … value`` on one line; the label stays whole, the value is cut first.

    A cut label ("Boo… 2025-06-03") no longer says what the number is, while a cut value still
    shows its start; only a label wider than the whole line is cut (the value keeps 3 cells).
    """
    keep_right = min(right.cell_length, 3)
    left = fit(label, max(0, width - (keep_right + 1 if keep_right else 0)))
    gap = 1 if left.cell_length and right.cell_length else 0
    right = fit(right, width - left.cell_length - gap)
    pad = width - left.cell_length - right.cell_length
    return Content.assemble(left, " " * max(0, pad), right)


def render_compact(stats: list[Stat], width: int, height: int) -> list[Content]:
    """One line per stat: label on the left, value and trend on the right.

    A stat whose label and value do not fit side by side takes two lines (label, then the value
    right-aligned) when the card has the rows for it; otherwise its value is cut, not its label.
    """
    pairs = []
    for stat in stats:
        delta = _delta_content(stat)
        right = Content.assemble(_value_content(stat), " " if delta.cell_length else "", delta)
        pairs.append((Content.styled(stat.label, "$text-muted"), right))
    too_wide = [left.cell_length + 1 + right.cell_length > width for left, right in pairs]
    two_lines = len(stats) + sum(too_wide) <= height
    lines = []
    for (left, right), wide in zip(pairs, too_wide, strict=True):
        if wide and two_lines:
            lines += [spread(left, "", width), spread("", right, width)]
        else:
            lines.append(_compact_line(left, right, width))
    return lines


def render_columns(stats: list[Stat], width: int) -> list[Content]:
    """Stats side by side: a bold value line, a label line and a trend line per column."""
    column = max(1, (width - (len(stats) - 1)) // len(stats))
    rows: list[list[Content]] = [[], [], []]
    for stat in stats:
        rows[0].append(center(_value_content(stat), column))
        rows[1].append(center(Content.styled(stat.label, "$text-muted"), column))
        rows[2].append(center(_delta_content(stat), column))
    lines = [Content(" ").join(row) for row in rows]
    return lines if any(s.delta is not None for s in stats) else lines[:2]


def render_big(stat: Stat, width: int) -> list[Content]:
    """A lone stat with three-row digits, unit and label (and trend) underneath."""
    number = format_value(stat.value, "")
    style = level_style(stat.level, bold=True)
    lines = [center(Content.styled(line, style), width) for line in big_lines(number)]
    unit = stat.unit if stat.unit not in ("B", "B/s") else ""
    caption = Content.assemble(
        (stat.label, "$text-muted"),
        (f" ({unit})" if unit else "", "$text-muted"),
        "  " if stat.delta is not None else "",
        _delta_content(stat),
    )
    return [*lines, center(caption, width)]


def render_stats(data: StatData | None, width: int, height: int) -> Content:
    """The whole card for a ``width`` by ``height`` area (pure; tests call it without an app).

    Picks the richest layout that fits: big digits for one stat when tall enough (and the value
    is a number that fits as digits), columns when every value fits its column, else compact.
    """
    if data is None or not data.stats:
        return Content.styled("No data", "$text-muted")
    stats = data.stats
    lone = stats[0]
    if (
        len(stats) == 1
        and height >= BIG_DIGITS_MIN_HEIGHT
        and isinstance(lone.value, int | float)
        and lone.unit not in ("B", "B/s")
        and Digits.get_width(format_value(lone.value, "")) <= width
    ):
        return join_lines(render_big(lone, width))
    column = (width - (len(stats) - 1)) // len(stats)
    widest = max(len(format_value(s.value, s.unit)) for s in stats)
    if height >= 3 and column >= max(widest, 6):
        return join_lines(render_columns(stats, width))
    return join_lines(render_compact(stats, width, height)[: max(1, height)])


class StatCard(Renderer):
    """Renderer for :class:`StatData`; the worst stat level is mirrored as a CSS class."""

    kind: ClassVar[RendererKind] = RendererKind.STAT

    DEFAULT_CSS = """
    StatCard {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
    }
    """

    data: reactive[StatData | None] = reactive(None)
    """The stats to show; ``None`` until the first fetch."""

    @property
    def level(self) -> Severity:
        """Worst level among the stats (``OK`` without data)."""
        return worst([s.level for s in self.data.stats]) if self.data else Severity.OK

    @contained
    def render(self) -> RenderResult:
        return render_stats(self.data, self.content_size.width, self.content_size.height)
