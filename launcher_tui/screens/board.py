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
from textual.geometry import Region
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, Tabs

from launcher_tui.screens.card_titles import ambiguous_names, fit_title, title_room
from launcher_tui.screens.grid_flow import GridBox, effective_columns, reflow
from launcher_tui.services.schemas import WidgetRecord
from widgets.integration_widget import IntegrationWidget, card_title, error_content

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp
    from launcher_tui.coordinator import Update
    from launcher_tui.runtime import Target

MIN_ROW_HEIGHT = 6
"""A grid row is never shorter than this (a gauge or stat needs it to read well: border,
three lines of data, the status line); six lets the first-run board fit 80x24."""
MAX_ROW_HEIGHT = 14
"""Nor taller than this: on a huge terminal the board stays a dashboard, not a poster."""
Direction = Literal["left", "right", "up", "down"]


def mixes_apps(records: list[WidgetRecord]) -> bool:
    """Whether a board's cards come from more than one app (then titles name the app)."""
    return len({r.app_id for r in records}) > 1


STATUS_DOTS = {
    "up": "[$text-success]●[/] ",
    "down": "[$text-error]●[/] ",
}
"""Markup before a card's title for its app's reachability (see status_checker)."""


def title_for(
    record: WidgetRecord,
    endpoint_name: str,
    *,
    with_app: bool,
    status: str | None = None,
    width: int = 0,
    keep_app: bool = False,
) -> str:
    """A card's title: its app's status dot, then the widget's own ``title`` if set, else
    ``Endpoint · App`` fitted to the card's ``width`` (0: not laid out yet) by
    :func:`~launcher_tui.screens.card_titles.fit_title` (markup: the names are escaped)."""
    dot = STATUS_DOTS.get(status or "", "")
    custom = (getattr(record, "title", None) or "").strip()
    if custom:
        return dot + card_title("", custom)
    room = title_room(width, prefix_cells=2 if dot else 0)
    app = record.app if with_app else ""
    return dot + escape(fit_title(endpoint_name, app, room, keep_app=keep_app))


class Titled:
    """Mixin of the cards (first base, not a widget): the title follows the card's width.

    The board says whether titles name the app (``with_app``) and whether this card's
    endpoint name alone is ambiguous on the board (``keep_app``); a resize fits it again.
    """

    with_app = True
    keep_app = False
    status: str | None

    def title_endpoint(self) -> str:
        raise NotImplementedError

    def set_title(self, *, with_app: bool | None = None, keep_app: bool | None = None) -> None:
        """The widget's own title when it has one, else ``Endpoint · App`` (see title_for)."""
        assert isinstance(self, Widget)
        if with_app is not None:
            self.with_app = with_app
        if keep_app is not None:
            self.keep_app = keep_app
        self.border_title = title_for(
            self.record,  # type: ignore[attr-defined]
            self.title_endpoint(),
            with_app=self.with_app,
            status=self.status,
            width=self.outer_size.width,
            keep_app=self.keep_app,
        )

    def on_resize(self) -> None:
        self.set_title()


def card_identity(record: WidgetRecord) -> tuple[object, ...]:
    """What a card is built from: a change here rebuilds the card, anything else moves it."""
    return (
        record.app_id,
        record.app,
        record.endpoint,
        sorted(record.options.items()),
        record.effective_refresh,
        getattr(record, "title", None),
    )


def on_shown_board(widget: Widget) -> bool:
    """Cards of hidden boards must not take the focus (Textual's auto-focus would pick them).

    The tab bar is asked too, not only the board's ``active`` flag: between a switch of tabs
    and the board's deactivation, a focus request made earlier (the start-up focus) could
    land on the old board's card and pull the dashboard back to that board.
    """
    board = next((a for a in widget.ancestors if isinstance(a, BoardView)), None)
    if board is None:
        return True
    pane = board.parent
    tabs = next((a for a in board.ancestors if isinstance(a, TabbedContent)), None)
    return board.active and (tabs is None or pane is None or tabs.active == pane.id)


class Placed:
    """Mixin (first base, not a widget: Textual inherits CSS along the first widget base) for
    a card placed at an absolute offset on the canvas.

    Textual leaves ``offset`` out of a widget's virtual region, so its own scroll-to-focus
    (Tab, arrows, ``focus()``) aimed at the canvas origin and scrolled a focused card *out*
    of view; the region reported here includes the offset.
    """

    @property
    def virtual_region_with_margin(self) -> Region:
        assert isinstance(self, Widget)
        region = super().virtual_region_with_margin  # type: ignore[misc]
        parent = self.parent
        if not isinstance(parent, Widget):
            return region
        return region.translate(self.styles.offset.resolve(parent.size, self.app.size))


class Card(Titled, Placed, IntegrationWidget):
    """An :class:`IntegrationWidget` that knows which stored widget it is."""

    def __init__(self, record: WidgetRecord, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.record = record
        self.status: str | None = None
        """The app's reachability (``up``/``down``), shown as a dot before the title."""

    def title_endpoint(self) -> str:
        return self.endpoint.name

    def allow_focus(self) -> bool:
        return on_shown_board(self)


class BrokenCard(Titled, Placed, Static, can_focus=True):
    """Stands in for a widget whose integration is not installed (or not loadable)."""

    DEFAULT_CSS = """
    BrokenCard { border: round $error; padding: 0 1; }
    BrokenCard:focus { border: round $primary; }
    """

    def __init__(self, record: WidgetRecord, error: BaseException) -> None:
        super().__init__(error_content(error))
        self.record = record
        self.status: str | None = None
        self.set_title(with_app=True)

    def title_endpoint(self) -> str:
        return self.record.endpoint

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

    def __init__(
        self, board_id: int, columns: int, *, id: str | None = None, lazy: bool = False
    ) -> None:
        """``lazy``: mount no card until the board is first shown (see :meth:`activate`)."""
        super().__init__(id=id)
        self.board_id = board_id
        self.columns = columns
        self.canvas = Canvas()
        self.active = False
        self._pending = False
        self._built = not lazy
        """Whether the cards are (being) mounted; a lazy board builds them when first shown,
        so 1000 stored widgets over 50 boards cost what the shown board's 20 cost (#11 P7)."""
        self._row_height = MIN_ROW_HEIGHT
        self._with_app = False
        self._boxes: dict[int, GridBox] = {}
        self.shown_columns = columns
        """Columns drawn now (fewer than ``columns`` on a narrow terminal, more on a wide one)."""
        self._unsubscribers: list[Callable[[], None]] = []

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with self.canvas:
            if self._built:
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
        kinds: dict[int, str | None] = {}  # one store read per app, not per card
        cards = [self._card(record, kinds) for record in records]
        self._with_app = mixes_apps(records)
        for card in cards:
            card.status = app.app_status.get(card.record.app_id)  # type: ignore[attr-defined]
            # not drawn until _layout gives it its grid box: drawn first at the board's full
            # size (1fr), every renderer did its work twice, ~40 ms per card (issue #11).
            # An inline style, not a class: a class change re-matches the stylesheet against
            # the card's whole subtree when it is placed (~0.1 s of start-up for 20 cards)
            card.display = False
        self._set_titles(cards)
        return cards

    def _card(self, record: WidgetRecord, kinds: dict[int, str | None] | None = None) -> Widget:
        app = self.launcher_app
        kinds = {} if kinds is None else kinds
        try:
            if record.app_id not in kinds:
                kinds[record.app_id] = app.services.apps.integration_of(record.app_id)
            kind = kinds[record.app_id]
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
        if not self._built:
            return  # never shown: its cards are read from the store when it is
        was_active = self.active
        self.deactivate()
        await self.canvas.remove_children()
        await self.canvas.mount_all(self._build_cards())
        self._layout()
        if was_active:
            self.activate()

    async def sync(self, *, resubscribe: bool = False) -> None:
        """Bring the cards in line with the store, keeping every card whose data is unchanged.

        Cards only moved or resized keep their widget (a chart keeps its history, the focused
        card keeps the focus); cards removed go, new ones are mounted, cards whose app,
        endpoint, options, refresh or title changed are rebuilt. ``resubscribe`` renews every
        subscription (an app's settings changed).
        """
        app = self.launcher_app
        records = app.services.widgets.list(self.board_id)
        current = {c.record.id: c for c in self.cards}  # type: ignore[attr-defined]
        if not records or not current:
            if records or current or not self.canvas.children:
                await self.reload()
            return
        wanted = {r.id: r for r in records}
        gone = [
            card
            for wid, card in current.items()
            if wid not in wanted or card_identity(card.record) != card_identity(wanted[wid])  # type: ignore[attr-defined]
        ]
        kept = {wid for wid in current if current[wid] not in gone}
        added = [self._card(r) for r in records if r.id not in kept]
        was_active = self.active
        if gone or added or resubscribe:
            self.deactivate()
        focused = app.focused
        lost_focus = focused is not None and focused in gone
        for card in gone:
            await card.remove()
        if added:
            await self.canvas.mount_all(added)
        for wid in kept:
            current[wid].record = wanted[wid]  # type: ignore[attr-defined]
        self._with_app = mixes_apps(records)
        for card in self.cards:
            card.status = app.app_status.get(card.record.app_id)  # type: ignore[attr-defined]
        self._set_titles(self.cards)
        self._layout()
        if was_active and not self.active:
            self.activate()
        if lost_focus and self.active and self.cards:
            self.cards[0].focus()

    def _set_titles(self, cards: list[Widget]) -> None:
        """Every card's title rule: app names on a mixed board, kept (shortened) where two
        apps' cards share an endpoint name (see card_titles)."""
        titled = [c for c in cards if isinstance(c, Titled)]
        shared = ambiguous_names([(c.title_endpoint(), c.record.app_id) for c in titled])  # type: ignore[attr-defined]
        for card in titled:
            card.set_title(with_app=self._with_app, keep_app=card.title_endpoint() in shared)

    def show_status(self, app_id: int, status: str | None) -> None:
        """The app's reachability changed: its cards' title dots follow."""
        for card in self.cards:
            if card.record.app_id == app_id:  # type: ignore[attr-defined]
                card.status = status  # type: ignore[attr-defined]
                card.set_title()  # type: ignore[attr-defined]

    def set_columns(self, columns: int) -> None:
        """The board's grid got another column count: lay the same cards out again."""
        self.columns = columns
        self._layout()

    def update_record(self, record: WidgetRecord) -> None:
        """A card moved or resized: new geometry, same widget."""
        card = self.card_for(record.id)
        if card is not None:
            card.record = record  # type: ignore[attr-defined]
            self._layout()

    # -- geometry -------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()
        focused = self.app.focused
        if focused is not None and focused in self.cards:
            self.call_after_refresh(self.reveal, focused)

    def reveal(self, card: Widget) -> None:
        """Scroll so that the whole card is visible (its top wins when it is taller).

        Cards sit at absolute offsets on the canvas, which Textual's own scroll-to-focus does
        not account for: the card's box is computed here from its grid record.
        """
        rec = self.box(card)
        top = rec.y * self._row_height
        bottom = top + rec.h * self._row_height
        view = self.scrollable_content_region.height
        if not view:
            return
        y = self.scroll_y
        if bottom > y + view:
            y = bottom - view
        if top < y:
            y = top
        if y != self.scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def _layout(self) -> None:
        cards = self.cards
        if not cards:
            self.canvas.styles.height = "auto"
            self._boxes = {}
            return
        full = self.size.width or self.scrollable_content_region.width
        columns = effective_columns(full, self.columns)
        stored = {
            c.record.id: GridBox(c.record.x, c.record.y, c.record.w, c.record.h)  # type: ignore[attr-defined]
            for c in cards
        }
        boxes = stored if columns == self.columns else reflow(stored.items(), columns)
        self._boxes = boxes
        self.shown_columns = columns
        rows = max(b.y + b.h for b in boxes.values())
        row_height = self.size.height // max(1, rows) if self.size.height else MIN_ROW_HEIGHT
        row_height = max(MIN_ROW_HEIGHT, min(MAX_ROW_HEIGHT, row_height))
        self._row_height = row_height
        # leave room for the scrollbar the canvas is about to need: it appears after this
        # layout without resizing the board, and would cover the last column's right border
        scrolls = self.size.height and rows * row_height > self.size.height
        width = self.size.width - (self.styles.scrollbar_size_vertical if scrolls else 0)
        width = max(columns, width or self.scrollable_content_region.width)
        for card in cards:
            box = boxes[card.record.id]  # type: ignore[attr-defined]
            x, w = span(box.x, box.w, width, columns)
            card.styles.offset = (x, box.y * row_height)
            card.styles.width = w
            card.styles.height = box.h * row_height
            if self.size.width:  # a real grid box, not the guess made before any layout
                card.display = True
        self.canvas.styles.height = rows * row_height

    def box(self, card: Widget) -> GridBox:
        """Where ``card`` is drawn on the (possibly reflowed) grid."""
        rec: WidgetRecord = card.record  # type: ignore[attr-defined]
        return self._boxes.get(rec.id) or GridBox(rec.x, rec.y, rec.w, rec.h)

    def neighbour(self, card: Widget, direction: Direction) -> Widget | None:
        """The nearest card in ``direction`` from ``card`` (by drawn grid box), for arrow focus."""
        rec = self.box(card)
        cx, cy = rec.x + rec.w / 2, rec.y + rec.h / 2
        best: tuple[float, Widget] | None = None
        for other in self.cards:
            if other is card:
                continue
            o = self.box(other)
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
        if not self._built:
            self._built = True
            self.call_later(self._build_and_subscribe)
            return
        self._subscribe_cards()

    async def _build_and_subscribe(self) -> None:
        """First showing of a lazy board: mount its cards, lay them out, then subscribe."""
        await self.canvas.mount_all(self._build_cards())
        self._layout()
        if self.active and not self._unsubscribers:  # (not re-subscribed meanwhile)
            self._subscribe_cards()
            # the app focused the tab bar when it found no card yet (its _focus_pane rule)
            focused = self.launcher_app.focused
            cards = self.cards
            if cards and (focused is None or isinstance(focused, Tabs)):
                cards[0].focus()

    def _subscribe_cards(self) -> None:
        app = self.launcher_app
        targets: dict[int, Target | Exception] = {}  # decrypt each app's settings once
        for card in self.cards:
            if not isinstance(card, Card):
                continue
            rec = card.record
            if rec.app_id not in targets:
                try:
                    targets[rec.app_id] = app.target_for(rec.app_id)
                except Exception as exc:  # settings unreadable: the card says so
                    targets[rec.app_id] = exc
            target = targets[rec.app_id]
            if isinstance(target, Exception):
                card.show_error(target)
                continue
            self._unsubscribers.append(
                app.hub.subscribe(
                    target,
                    rec.endpoint,
                    self._listener(card),
                    interval=rec.effective_refresh,
                    options=rec.options or None,
                    checked=self._checked(card),
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
            card.show_retry(update.next_attempt, update.paused)
            if update.entry is not None:
                card.show_entry(update.entry)
            if update.error is not None:
                card.show_error(update.error)
            app.alerts_changed()

        return on_update

    @staticmethod
    def _checked(card: Card) -> Callable[[Update], None]:
        """A check with nothing new to draw: the age restarts, "refreshing…" goes away."""

        def on_check(update: Update) -> None:
            if update.entry is not None and update.error is None:
                card.show_checked(update.entry)
            else:
                card.refreshing = False

        return on_check

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
