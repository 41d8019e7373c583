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
from widgets.format import format_duration, humanize_number
from widgets.layout import bar, fit, join_lines, spread
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


def render_item(item: ProgressItem, width: int, roomy: bool) -> list[Content]:
    """One item: two rows when ``roomy`` (text, then bar), else one compact row."""
    status = Content.styled(item_status(item), "bold")
    label = Content.assemble(item.label, (f"  {item.detail}" if item.detail else "", "$text-muted"))
    if roomy:
        return [spread(label, status, width), bar(item.percent / 100, width, item_style(item))]
    label_width = max(4, width // 3)
    bar_width = max(0, width - label_width - status.cell_length - 2)
    return [
        Content.assemble(
            fit(label, label_width).pad_right(label_width - fit(label, label_width).cell_length),
            " ",
            bar(item.percent / 100, bar_width, item_style(item)),
            " ",
            status,
        )
    ]


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
    lines = [line for item in items[:shown] for line in render_item(item, width, roomy)]
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

    def render(self) -> RenderResult:
        return render_progress(self.data, self.content_size.width, self.content_size.height)
