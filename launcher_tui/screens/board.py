"""One board: its widgets laid out on the stored grid, subscribed only while the board is shown.

Cards sit on a canvas at absolute offsets computed from their grid box (``x, y, w, h`` from the
store) and the canvas size, so a move or resize changes one card's geometry without remounting
anything (a chart keeps its history). Rows are as tall as the screen allows down to
:data:`MIN_ROW_HEIGHT`; past that the board scrolls — 80x24 stays readable, a big terminal fills.

Refresh: :meth:`BoardView.activate` subscribes every card to the app's
:class:`~launcher_tui.coordinator.CoordinatorHub` (all at once, so the board fills in one
concurrent round trip); :meth:`BoardView.deactivate` unsubscribes them, and a coordinator with no
listener left stops polling — a board that is not shown costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static

from launcher_tui.services.schemas import WidgetRecord
from widgets.integration_widget import IntegrationWidget, card_title, error_content

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp
    from launcher_tui.coordinator import Update

MIN_ROW_HEIGHT = 7
"""A grid row is never shorter than this (a gauge or stat needs it to read well)."""
MAX_ROW_HEIGHT = 14
"""Nor taller than this: on a huge terminal the board stays a dashboard, not a poster."""
Direction = Literal["left", "right", "up", "down"]


def mixes_apps(records: list[WidgetRecord]) -> bool:
    """Whether a board's cards come from more than one app (then titles name the app)."""
    return len({r.app_id for r in records}) > 1


def on_shown_board(widget: Widget) -> bool:
    """Cards of hidden boards must not take the focus (Textual's auto-focus would pick them)."""
    board = next((a for a in widget.ancestors if isinstance(a, BoardView)), None)
    return board is None or board.active


class Card(IntegrationWidget):
    """An :class:`IntegrationWidget` that knows which stored widget it is."""

    def __init__(self, record: WidgetRecord, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.record = record

    def allow_focus(self) -> bool:
        return on_shown_board(self)


class BrokenCard(Static, can_focus=True):
    """Stands in for a widget whose integration is not installed (or not loadable)."""

    DEFAULT_CSS = """
    BrokenCard { border: round $error; padding: 0 1; }
    BrokenCard:focus { border: round $primary; }
    """

    def __init__(self, record: WidgetRecord, error: BaseException) -> None:
        super().__init__(error_content(error))
        self.record = record
        self.set_title(with_app=True)

    def set_title(self, *, with_app: bool = True) -> None:
        """Same title rule as the working cards (see :func:`card_title`)."""
        self.border_title = card_title(self.record.app if with_app else "", self.record.endpoint)

    def allow_focus(self) -> bool:
        return on_shown_board(self)


class Canvas(Container):
    """The area cards are placed on (absolute offsets, explicit height)."""

    DEFAULT_CSS = """
    Canvas { width: 1fr; height: auto; }
    Canvas > * { position: absolute; }
    """


class EmptyBoard(Static):
    """What an empty board says instead of nothing."""

    DEFAULT_CSS = """
    EmptyBoard { width: 1fr; height: auto; padding: 1 2; color: $text-muted; }
    """


def span(index: int, count: int, total: int, columns: int) -> tuple[int, int]:
    """Start and length in cells of ``count`` grid columns from ``index`` over ``total`` cells.

    Rounded per edge, so the columns together cover ``total`` exactly without gaps.
    """
    start = round(index * total / columns)
    end = round((index + count) * total / columns)
    return start, max(1, end - start)


class BoardView(VerticalScroll, can_focus=False):
    """A board's cards on a grid; see the module docstring for layout and refresh."""

    DEFAULT_CSS = """
    BoardView { height: 1fr; scrollbar-size-vertical: 1; }
    """

    def __init__(self, board_id: int, columns: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.board_id = board_id
        self.columns = columns
        self.canvas = Canvas()
        self.active = False
        self._pending = False
        self._unsubscribers: list[Callable[[], None]] = []

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with self.canvas:
            yield from self._build_cards()

    def on_mount(self) -> None:
        if self._pending:
            self.activate()

    # -- cards ----------------------------------------------------------------------------------

    @property
    def cards(self) -> list[Widget]:
        """Every card (working or broken), in the canvas."""
        return [c for c in self.canvas.children if hasattr(c, "record")]

    def card_for(self, widget_id: int) -> Widget | None:
        return next((c for c in self.cards if c.record.id == widget_id), None)  # type: ignore[attr-defined]

    def _build_cards(self) -> list[Widget]:
        app = self.launcher_app
        records = app.services.widgets.list(self.board_id)
        if not records:
            return [
                EmptyBoard(
                    Content.from_markup(
                        "This board is empty. Press [b]w[/b] to add a widget, "
                        "[b]a[/b] to add an app first."
                    )
                )
            ]
        cards = [self._card(record) for record in records]
        with_app = mixes_apps(records)
        for card in cards:
            card.set_title(with_app=with_app)  # type: ignore[attr-defined]
            if card.record.title:  # type: ignore[attr-defined]  # its own title, set in e
                card.border_title = escape(card.record.title)  # type: ignore[attr-defined]
        return cards

    def _card(self, record: WidgetRecord) -> Widget:
        app = self.launcher_app
        try:
            kind = app.services.apps.get(record.app_id).integration
            integration = app.services.registry.get(kind or "")
            endpoint = integration.endpoint(record.endpoint)
        except (LookupError, ImportError) as exc:
            return BrokenCard(record, exc)
        return Card(
            record,
            endpoint=endpoint,
            app_name=record.app,
            app_id=str(record.app_id),
            actions=integration.actions,
            clock=app.clock,
            id=f"card-{record.id}",
        )

    async def reload(self) -> None:
        """Rebuild every card from the store (widgets added/removed, an app edited)."""
        was_active = self.active
        self.deactivate()
        await self.canvas.remove_children()
        await self.canvas.mount_all(self._build_cards())
        self._layout()
        if was_active:
            self.activate()

    def update_record(self, record: WidgetRecord) -> None:
        """A card moved or resized: new geometry, same widget."""
        card = self.card_for(record.id)
        if card is not None:
            card.record = record  # type: ignore[attr-defined]
            self._layout()

    # -- geometry -------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        cards = self.cards
        if not cards:
            self.canvas.styles.height = "auto"
            return
        rows = max(c.record.y + c.record.h for c in cards)  # type: ignore[attr-defined]
        row_height = self.size.height // max(1, rows) if self.size.height else MIN_ROW_HEIGHT
        row_height = max(MIN_ROW_HEIGHT, min(MAX_ROW_HEIGHT, row_height))
        # leave room for the scrollbar the canvas is about to need: it appears after this
        # layout without resizing the board, and would cover the last column's right border
        scrolls = self.size.height and rows * row_height > self.size.height
        width = self.size.width - (self.styles.scrollbar_size_vertical if scrolls else 0)
        width = max(self.columns, width or self.scrollable_content_region.width)
        for card in cards:
            rec: WidgetRecord = card.record  # type: ignore[attr-defined]
            x, w = span(rec.x, rec.w, width, self.columns)
            card.styles.offset = (x, rec.y * row_height)
            card.styles.width = w
            card.styles.height = rec.h * row_height
        self.canvas.styles.height = rows * row_height

    def neighbour(self, card: Widget, direction: Direction) -> Widget | None:
        """The nearest card in ``direction`` from ``card`` (by grid box), for arrow focus."""
        rec: WidgetRecord = card.record  # type: ignore[attr-defined]
        cx, cy = rec.x + rec.w / 2, rec.y + rec.h / 2
        best: tuple[float, Widget] | None = None
        for other in self.cards:
            if other is card:
                continue
            o: WidgetRecord = other.record  # type: ignore[attr-defined]
            ox, oy = o.x + o.w / 2, o.y + o.h / 2
            dx, dy = ox - cx, oy - cy
            ahead = {"left": -dx, "right": dx, "up": -dy, "down": dy}[direction]
            if ahead <= 0:
                continue
            side = abs(dy) if direction in ("left", "right") else abs(dx)
            score = ahead + 2 * side
            if best is None or score < best[0]:
                best = (score, other)
        return best[1] if best else None

    # -- refresh --------------------------------------------------------------------------------

    def activate(self) -> None:
        """Subscribe every card (the board is shown); all fetches start concurrently."""
        if self.active:
            return
        if not self.is_mounted:
            self._pending = True  # cards are not there yet: subscribe once mounted
            return
        self.active = True
        app = self.launcher_app
        for card in self.cards:
            if not isinstance(card, Card):
                continue
            rec = card.record
            try:
                target = app.target_for(rec.app_id)
            except Exception as exc:  # settings unreadable: the card says so
                card.show_error(exc)
                continue
            self._unsubscribers.append(
                app.hub.subscribe(
                    target,
                    rec.endpoint,
                    self._listener(card),
                    interval=rec.effective_refresh,
                    options=rec.options or None,
                )
            )

    def deactivate(self) -> None:
        """Unsubscribe every card (the board is hidden): its coordinators stop polling."""
        self.active = False
        self._pending = False
        unsubscribers, self._unsubscribers = self._unsubscribers, []
        for unsubscribe in unsubscribers:
            unsubscribe()

    def _listener(self, card: Card) -> Callable[[Update], None]:
        app = self.launcher_app

        def on_update(update: Update) -> None:
            if update.entry is not None:
                card.show_entry(update.entry)
            if update.error is not None:
                card.show_error(update.error)
            app.alerts_changed()

        return on_update

    def refresh_card(self, card: Card) -> None:
        """Force a fetch of one card's endpoint (the card's ``r`` key)."""
        app = self.launcher_app
        try:
            target = app.target_for(card.record.app_id)
        except Exception as exc:
            card.show_error(exc)
            return
        card.show_loading()
        app.hub.coordinator(
            target, card.record.endpoint, card.record.options or None
        ).request_refresh()
