"""Item list: rows with a title, a detail line and a right-aligned status; scrolls.

The status is plain text, muted while a row is fine and in the level's text colour when it
needs attention (see :func:`widgets.levels.status_style`), so a list of healthy rows reads
calmly and only warnings and criticals draw the eye.

Named ``ItemList`` so it does not clash with Textual's ``ListView``. The list is *not*
focusable: the card around it (:class:`widgets.integration_widget.IntegrationWidget`) is the
single tab stop per board cell and forwards ↑/↓/PgUp/PgDn/Home/End here, so a board of lists
does not need two tab presses per card; the mouse wheel scrolls it directly.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from integrations.models import ListData, ListRow, RendererKind, Severity, worst
from widgets.contain import contained
from widgets.layout import fit, join_lines, spread
from widgets.levels import LEVEL_ICON, icon_style, set_level_class, status_style

STATUS_GAP = 2
"""Cells kept between a row's title and its status."""


def render_row(row: ListRow, width: int) -> list[Content]:
    """A row's lines: ``icon title … status`` then the detail (muted), when there is one.

    The status is right-aligned text (never a solid badge). The title wins the width: the
    status only keeps what the title leaves, but at least a third of the row.
    """
    icon = Content.styled(LEVEL_ICON[row.level], icon_style(row.level))
    title = Content.assemble(icon, " ", Content(row.title))
    status_room = max(width - title.cell_length - STATUS_GAP, width // 3)
    status = fit(Content.styled(row.status or "", status_style(row.level)), status_room)
    lines = [spread(title, status, width, gap=STATUS_GAP)]
    if row.detail:
        lines.append(
            Content.assemble("  ", fit(Content.styled(row.detail, "$text-muted"), width - 2))
        )
    return lines


def more_text(data: ListData) -> str:
    """``+N more`` when the service cut the list (``total`` above the rows we got), else ``""``."""
    if data.total is None or data.total <= len(data.rows):
        return ""
    return f"+{data.total - len(data.rows)} more"


def line_count(data: ListData | None) -> int:
    """How many lines :func:`render_list` draws for ``data``, at any width, without drawing."""
    if data is None or not data.rows:
        return 1
    return sum(2 if row.detail else 1 for row in data.rows) + (1 if more_text(data) else 0)


def body_shape(content: Content, width: int) -> int | None:
    """The height ``content`` takes at ``width``: its line count when every line fits, ``None``
    when one is wider (it would wrap, so only Textual's layout knows the height)."""
    lines = content.split("\n", allow_blank=True)
    if any(line.cell_length > width for line in lines):
        return None
    return len(lines)


def render_list(data: ListData | None, width: int) -> Content:
    """All rows (the container scrolls them), ``empty_text`` when there are none, ``+N more``."""
    if data is None:
        return Content.styled("No data", "$text-muted")
    if not data.rows:
        return Content.styled(data.empty_text, "$text-muted italic")
    lines = [line for row in data.rows for line in render_row(row, width)]
    if more := more_text(data):
        lines.append(Content.styled(more, "$text-muted italic"))
    return join_lines(lines)


class _ListBody(Static, can_focus=False):
    """The rendered rows; re-rendered at the list's width on resize."""

    DEFAULT_CSS = """
    _ListBody { width: 1fr; height: auto; }
    """


class ItemList(ScrollableContainer, can_focus=False):
    """Renderer for :class:`ListData`; scrolls when longer than the widget (see module doc)."""

    kind: ClassVar[RendererKind] = RendererKind.LIST

    DEFAULT_CSS = """
    ItemList {
        width: 1fr;
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    data: reactive[ListData | None] = reactive(None)
    """The rows to show; ``None`` until the first fetch."""

    def __init__(
        self,
        data: ListData | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args: data: the initial rows (usually ``None``; the container sets them)."""
        super().__init__(name=name, id=id, classes=classes)
        self._body = _ListBody()
        self._body_shape: int | None = None
        self.set_reactive(ItemList.data, data)

    @property
    def level(self) -> Severity:
        """Worst row level (``OK`` without rows)."""
        return worst([r.level for r in self.data.rows]) if self.data else Severity.OK

    def compose(self) -> ComposeResult:
        yield self._body

    def on_mount(self) -> None:
        self._redraw()

    def watch_data(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    @contained
    def _redraw(self) -> None:
        set_level_class(self, self.level)
        if self.is_mounted:
            width = self.row_width()
            content = render_list(self.data, width)
            shape = body_shape(content, width)
            # the body is as tall as its lines: the same shape needs no layout refresh, which
            # re-lays out the whole screen (issue #11: two queue lists redrawn every 10 s were
            # most of the steady-state layouts)
            self._body.update(content, layout=shape is None or shape != self._body_shape)
            self._body_shape = shape

    def row_width(self) -> int:
        """The width rows are laid out for: the whole widget, less the scrollbar when the rows
        will need one. Decided here from the row count — the scrollbar appears only after the
        rows are drawn and fires no resize, so rows laid out for the full width were overprinted
        by it."""
        width = self.size.width or self.scrollable_content_region.width
        if not width:
            return 1
        if self.size.height and line_count(self.data) > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return max(1, width)
