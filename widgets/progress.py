"""Progress list: one or many labelled bars with percent, detail and ETA ("1h 5m").

Two rows per item when there is room (label/percent/ETA over a full-width bar), one row per
item otherwise; items that still do not fit are summarised as ``+N more``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive

from integrations.models import ProgressData, ProgressItem, RendererKind, Severity, worst
from widgets.contain import contained
from widgets.format import format_duration, humanize_number
from widgets.layout import bar, fit, join_lines
from widgets.levels import level_style
from widgets.renderer import Renderer


def item_style(item: ProgressItem) -> str:
    """Bar colour: the item's level when it needs attention, success when done, else primary."""
    if item.level in (Severity.WARNING, Severity.CRITICAL):
        return level_style(item.level)
    return "$success" if item.percent >= 100 else "$primary"


def item_status(item: ProgressItem) -> str:
    """``42%  ETA 1h 5m`` (ETA left out when unknown or done)."""
    percent = f"{humanize_number(round(item.percent, 1))}%"
    eta = format_duration(item.eta_seconds) if item.percent < 100 else ""
    return f"{percent}  ETA {eta}" if eta else percent


DETAIL_GAP = 2
"""Cells between the label and its detail (and before the right-aligned percent)."""
MIN_DETAIL = 6
"""A detail squeezed below this many cells is left out rather than shown as ``a…``."""


def label_line(item: ProgressItem, width: int, status: Content) -> Content:
    """``label  detail…   status``: the label never gives way to the detail, only to the width.

    The label is bold-free text on the left, the detail muted after a gap and truncated with
    an ellipsis to what is left (or left out when that is too little), the status on the right.
    """
    room = width - (status.cell_length + DETAIL_GAP if status.cell_length else 0)
    label = fit(Content(item.label), max(0, room))
    parts: list[Content | str] = [label]
    detail_room = room - label.cell_length - DETAIL_GAP
    if item.detail and detail_room >= MIN_DETAIL:
        parts += [" " * DETAIL_GAP, fit(Content.styled(item.detail, "$text-muted"), detail_room)]
    left = Content.assemble(*parts)
    pad = max(0, width - left.cell_length - status.cell_length)
    return Content.assemble(left, " " * pad, status)


def render_item(
    item: ProgressItem, width: int, roomy: bool, label_width: int = 0, status_width: int = 0
) -> list[Content]:
    """One item: two rows when ``roomy`` (text, then bar), else one compact row.

    The compact row is ``label bar status`` with every row's label padded to one
    ``label_width`` and status right-aligned in one ``status_width``, so the bars line up.
    """
    status = Content.styled(item_status(item), "bold")
    if roomy:
        return [label_line(item, width, status), bar(item.percent / 100, width, item_style(item))]
    label_width = label_width or max(4, width // 3)
    status_width = max(status_width, status.cell_length)
    label = fit(Content(item.label), label_width)
    bar_width = max(0, width - label_width - status_width - 2)
    return [
        Content.assemble(
            label.pad_right(label_width - label.cell_length),
            " ",
            bar(item.percent / 100, bar_width, item_style(item)),
            " ",
            status.pad_left(status_width - status.cell_length),
        )
    ]


def compact_label_width(items: list[ProgressItem], width: int) -> int:
    """One label column for every compact row: the widest label, at most a third of the width."""
    widest = max((Content(i.label).cell_length for i in items), default=0)
    return max(4, min(widest, width // 3))


def render_progress(data: ProgressData | None, width: int, height: int) -> Content:
    """Every item that fits in ``height`` rows, the rest as ``+N more``."""
    if data is None:
        return Content.styled("No data", "$text-muted")
    if not data.items:
        return Content.styled(data.empty_text, "$text-muted italic")
    items = data.items
    roomy = height >= 2 * len(items)
    per_item = 2 if roomy else 1
    shown = len(items) if len(items) * per_item <= height else max(0, (height - 1) // per_item)
    label_width = compact_label_width(items[:shown], width)
    status_width = max((len(item_status(i)) for i in items[:shown]), default=0)
    lines = [
        line
        for item in items[:shown]
        for line in render_item(item, width, roomy, label_width, status_width)
    ]
    if shown < len(items):
        lines.append(Content.styled(f"+{len(items) - shown} more", "$text-muted italic"))
    return join_lines(lines)


class ProgressList(Renderer):
    """Renderer for :class:`ProgressData` (level class = worst item level)."""

    kind: ClassVar[RendererKind] = RendererKind.PROGRESS

    DEFAULT_CSS = """
    ProgressList {
        width: 1fr;
        height: 1fr;
    }
    """

    data: reactive[ProgressData | None] = reactive(None)
    """The bars to show; ``None`` until the first fetch."""

    @property
    def level(self) -> Severity:
        return worst([i.level for i in self.data.items]) if self.data else Severity.OK

    @contained
    def render(self) -> RenderResult:
        return render_progress(self.data, self.content_size.width, self.content_size.height)
