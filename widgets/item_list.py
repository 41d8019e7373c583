"""Item list: rows with a title, a detail line and a coloured status badge; scrolls.

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
from widgets.layout import fit, join_lines, spread
from widgets.levels import LEVEL_CLASSES, LEVEL_ICON, badge_style, level_class, level_style


def render_row(row: ListRow, width: int) -> list[Content]:
    """A row's lines: ``icon title … [status]`` then the detail (muted), when there is one."""
    icon = Content.styled(LEVEL_ICON[row.level], level_style(row.level))
    badge = Content.styled(f" {row.status} ", badge_style(row.level)) if row.status else ""
    title = Content.assemble(icon, " ", Content(row.title))
    lines = [spread(title, badge, width)]
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

    def _redraw(self) -> None:
        self.remove_class(*LEVEL_CLASSES)
        self.add_class(level_class(self.level))
        if self.is_mounted:
            width = self.scrollable_content_region.width or self.size.width
            self._body.update(render_list(self.data, max(1, width)))
