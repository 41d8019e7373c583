"""The Textual dashboard: boards of live widgets, the apps launcher, forms, alerts, keys.

``launcher-tui`` with no command calls :func:`run`. The store is opened *before* Textual starts,
so a locked or damaged database ends with the CLI's one-line message and exit code instead of a
half-drawn screen; everything after that runs inside :class:`LauncherApp`.

Data flow: every card subscribes to the :class:`~launcher_tui.coordinator.CoordinatorHub` while
its board is shown (:mod:`launcher_tui.screens.board`); the hub fetches through the runtime's
shared TTL cache on the event loop, never blocking the UI, and re-arms each poll only after the
previous one finished. Alert endpoints of every enabled app stay subscribed in the background
(:meth:`LauncherApp.watch_alerts`), so a critical condition anywhere reaches the banner above
the board. Store calls are local and fast and run on the UI thread.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.content import Content
from textual.driver import Driver
from textual.filter import LineFilter
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Static, TabbedContent, TabPane

from integrations.base import Integration
from integrations.errors import IntegrationError
from integrations.models import AlertData
from launcher_tui import startup_gc
from launcher_tui.alert_book import AlertBook, load_acks, save_acks
from launcher_tui.alert_sources import AlertSource, alert_sources
from launcher_tui.alert_watcher import AlertWatcher
from launcher_tui.commands import COMMANDS, FORM_ACTIONS, bindings, key_words
from launcher_tui.control_filter import CONTROL_FILTER, clean_text
from launcher_tui.coordinator import CoordinatorHub, Update
from launcher_tui.render_cache import RELEASE_INTERVAL, release_removed_widgets
from launcher_tui.runtime import Runtime, Target
from launcher_tui.screens.alert_history import AlertHistoryScreen
from launcher_tui.screens.app_detail import AppDetail
from launcher_tui.screens.app_form import AppForm
from launcher_tui.screens.board import BoardView, Card, Direction
from launcher_tui.screens.board_tabs import BoardTabs
from launcher_tui.screens.dialogs import ConfirmScreen, PromptScreen
from launcher_tui.screens.footer import KeyFooter
from launcher_tui.screens.help import HelpScreen
from launcher_tui.screens.launcher import LauncherView
from launcher_tui.screens.theme_picker import theme_palette
from launcher_tui.screens.typeahead import TypeAhead
from launcher_tui.screens.widget_form import EDIT_APP, WidgetForm, default_size
from launcher_tui.services import Services, open_services
from launcher_tui.services.errors import LauncherError, ValidationFailed
from launcher_tui.services.schemas import AppRecord, WidgetRecord
from launcher_tui.services.widgets import Box, placement_refusal, suggested_endpoints
from launcher_tui.status_checker import CheckTarget, StatusChecker
from launcher_tui.store_sync import sync_dashboard
from launcher_tui.store_watcher import POLL_SECONDS as STORE_POLL_SECONDS
from launcher_tui.store_watcher import StoreSnapshot, StoreWatcher
from launcher_tui.terminal_title import AlertTitle
from widgets.alert_overlay import AlertOverlay
from widgets.header_clock import DateClock
from widgets.integration_widget import IntegrationWidget

log = logging.getLogger(__name__)

LAUNCHER_PANE = "apps"
CLOCK_SETTING = "clock"
"""Setting (meta ``setting.clock``): ``on`` shows the clock and date in the header."""
FIRST_RUN_HINT = (
    "[b]Welcome![/b] Cards show [b]This machine[/b]. Press [b]a[/b]: add app, "
    "[b]w[/b]: add widget, [b]?[/b]: help."
)


WARM_UP_AFTER = 2.0
"""Seconds after start before integrations are imported in the background (see warmup.py)."""


def pane_id(board_id: int) -> str:
    return f"board-{board_id}"


EDIT_ACTIONS = frozenset(
    {
        "add_app", "edit_app", "edit_widget", "add_widget", "remove_widget", "move_widget",
        "resize_widget",
        "add_board", "rename_board", "remove_board", "board_columns",
    }
)  # fmt: skip
"""Actions that change the store: disabled when it is read-only."""


class LauncherApp(App[int]):
    """The dashboard (see the module docstring)."""

    CSS_PATH = "app.tcss"
    STATUS_CHECKS = True
    """Reachability checks of app URLs (tests and screenshots with made-up URLs turn them off)."""
    TITLE = "launcher-tui"
    BINDINGS = bindings()

    def get_driver_class(self) -> type[Driver]:
        """Textual's choice, except that its Linux driver quits without a 0.1-0.2 s wait."""
        driver_class = super().get_driver_class()
        if sys.platform != "win32":  # the Linux driver imports termios
            from textual.drivers.linux_driver import LinuxDriver

            from launcher_tui.terminal_driver import QuickExitDriver

            if driver_class is LinuxDriver:
                return QuickExitDriver
        return driver_class

    def __init__(
        self,
        services: Services,
        *,
        runtime: Runtime | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Args:
        services: the open store (the caller closes it after the app exits).
        runtime: the integration runtime (tests may pass one with a fake cache clock).
        clock: wall clock for "updated … ago" (screenshots and snapshots freeze it).
        """
        super().__init__()
        self.services = services
        self.runtime = runtime or Runtime(registry=services.registry)
        self.hub = CoordinatorHub(self.runtime)
        self.clock = clock
        self.app_status: dict[int, str] = {}
        """App id → ``"up"``/``"down"`` from its http check (the launcher's dots)."""
        self._last_board_pane: str | None = None
        """The board pane shown before the launcher (``l`` goes back to it)."""
        self._last_card: dict[int, Widget] = {}
        """Board id → the card that had the focus there, given it back when the board returns."""
        self.alert_watcher = AlertWatcher(self.hub, self._alert_source_updated)
        self.alert_book = AlertBook(
            load_acks(services.store), clock=clock, on_acks_changed=self._save_acks
        )
        self.alert_title = AlertTitle(self)
        self.store_watcher = StoreWatcher(services.store)
        self.status_checker = StatusChecker(self.status_changed)
        self.store_snapshot = StoreSnapshot.read(services)
        """The store as of the watcher's baseline, before compose reads the boards: a change
        another shell commits from here on is seen and applied, even one landing mid start-up."""
        self._store_syncing = False
        self.typeahead = TypeAhead(self, self._route_event)
        """Holds keys typed while a form opens and orders Tab in forms (see its module)."""

    async def on_event(self, event: events.Event) -> None:
        if not await self.typeahead.take(event):
            await super().on_event(event)

    async def _route_event(self, event: events.Event) -> None:
        await super().on_event(event)

    # -- terminal safety (issue #8): text is data, never markup or terminal control -----------

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), CONTROL_FILTER]

    show_tracebacks = False
    """``launcher-tui --debug``: a crash prints Textual's traceback; otherwise one line."""

    def _handle_exception(self, error: Exception) -> None:
        log.error("the dashboard stopped on an unexpected error", exc_info=error)
        self._crash_type = type(error).__name__
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        # Textual prints a crash's traceback here; without --debug, one line instead
        if not self.show_tracebacks and self._exit_renderables:
            crash = getattr(self, "_crash_type", "error")
            line = f"launcher-tui: internal error ({crash}); run with --debug for the traceback"
            self._exit_renderables[:] = [Text(line)]
        super()._print_error_renderables()

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs: Any) -> None:
        """Toasts never parse markup: their text comes from services, forms and exceptions.

        An open form shows the notification itself, above its buttons (a toast covered them
        at 80x24; see :mod:`~launcher_tui.screens.form_screen`).
        """
        message, title = clean_text(message, multiline=True), clean_text(title)
        super().notify(message, title=title, markup=False, **kwargs)
        show_notice = getattr(
            self.screen_stack[-1] if self.screen_stack else None, "show_notice", None
        )
        if show_notice is not None:
            timeout = kwargs.get("timeout") or self.NOTIFICATION_TIMEOUT
            show_notice(message, title, kwargs.get("severity", "information"), timeout)

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield AlertOverlay(id="alerts")
        yield Static(Content.from_markup(FIRST_RUN_HINT), id="first-run-hint")
        with BoardTabs(id="boards"):
            for index, board in enumerate(self.services.boards.list()):
                with TabPane(Content(board.name), id=pane_id(board.id)):
                    # boards after the first (shown at start) mount their cards when first shown
                    yield BoardView(board.id, board.columns, id=f"view-{board.id}", lazy=index > 0)
            with TabPane("Apps", id=LAUNCHER_PANE):
                yield LauncherView(id="launcher")
        yield KeyFooter()  # every key it lists is drawn whole, even at 80 columns

    def on_mount(self) -> None:
        store = self.services.store
        if store.read_only:  # the data still shows; saving would fail, so say so up front
            self.notify(
                f"The database {store.path} is read-only ({store.read_only_reason}): "
                "edits are disabled.",
                title="Read-only",
                severity="warning",
                timeout=30,
                markup=False,
            )
        self.update_hint()
        self.set_interval(STORE_POLL_SECONDS, self._poll_store, name="store changes")
        self.set_interval(RELEASE_INTERVAL, release_removed_widgets, name="release widgets")
        if self.clock_setting():
            self.show_clock(True)
        self.apply_saved_look()
        self.watch_alerts()
        self.sync_status_checks()
        self.call_after_refresh(self.sync_active_board)
        self.call_after_refresh(self._focus_pane)
        self.set_timer(WARM_UP_AFTER, self._warm_up, name="warm up integrations")

    def _warm_up(self) -> None:
        from launcher_tui.warmup import warm_up

        warm_up(self.services.registry)

    def _poll_store(self) -> None:
        """Another process (the CLI) changed the store: reload what changed."""
        if not self._store_syncing and self.store_watcher.changed():
            self._store_syncing = True
            self.reload_from_store()

    @work(group="store-sync")
    async def reload_from_store(self) -> None:
        try:
            after = StoreSnapshot.read(self.services)
            before, self.store_snapshot = self.store_snapshot, after
            await sync_dashboard(self, before, after)
        except LauncherError as exc:
            log.warning("store changed but cannot be read: %s", exc)
        finally:
            self._store_syncing = False

    async def on_unmount(self) -> None:
        await self.status_checker.aclose()
        self.alert_title.restore()
        self.alert_watcher.stop()
        self.hub.stop()
        await self.runtime.aclose()

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#boards", TabbedContent)

    @property
    def launcher(self) -> LauncherView:
        return self.query_one("#launcher", LauncherView)

    @property
    def overlay(self) -> AlertOverlay:
        return self.query_one("#alerts", AlertOverlay)

    def board_views(self) -> list[BoardView]:
        return list(self.query(BoardView))

    @property
    def current_board(self) -> BoardView | None:
        """The board shown now (``None`` while the launcher is shown)."""
        active = self.tabs.active
        return next((b for b in self.board_views() if pane_id(b.board_id) == active), None)

    def update_hint(self) -> None:
        """The first-run hint stays until the person has an app with a URL."""
        apps = self.services.apps.list()
        self.query_one("#first-run-hint").set_class(not any(a.url for a in apps), "-shown")

    # -- refresh wiring -------------------------------------------------------------------------

    def sync_active_board(self) -> None:
        """Subscribe the shown board's cards, unsubscribe every hidden board's."""
        current = self.current_board
        for view in self.board_views():
            if view is current:
                view.activate()
            else:
                view.deactivate()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.sync_active_board()
        if event.pane.id == LAUNCHER_PANE:
            self.launcher.redraw()
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Never leave the focus in a hidden pane (Textual restores it there after a dialog)."""
        widget = event.widget
        pane = next((a for a in widget.ancestors if isinstance(a, TabPane)), None)
        if pane is not None and pane.id != self.tabs.active:
            self._focus_pane()
            return
        board = self._board_of(widget)
        if board is not None and widget in board.cards:
            self._last_card[board.board_id] = widget

    def target_for(self, app_id: int) -> Target:
        """The app's decrypted target (raises :class:`LauncherError` when unusable)."""
        return self.services.apps.target(app_id)

    def integrations(self) -> list[Integration]:
        """Every loadable integration (the app form's picker)."""
        return self.services.registry.list()

    def watch_alerts(self) -> None:
        """Watch every alert source in the background, shown board or not (see alert_watcher)."""
        try:
            sources = alert_sources(self.services)
        except LauncherError as exc:
            log.warning("alerts: cannot list apps: %s", exc)
            return
        self.alert_watcher.sync(sources)
        self.alerts_changed()

    def _alert_source_updated(self, source: AlertSource, update: Update) -> None:
        if source.target.integration_id == "http":
            self._set_status(int(source.target.app_id), update)
        self.alerts_changed()

    def _set_status(self, app_id: int, update: Update) -> None:
        entry = update.entry
        if entry is None or not isinstance(entry.value.data, AlertData):
            status = None
        else:
            status = "down" if entry.value.data.alerts else "up"
        self.status_changed(app_id, status)

    def status_changed(self, app_id: int, status: str | None) -> None:
        """An app's reachability changed: the launcher's dot and its cards' dots follow."""
        if self.app_status.get(app_id) == status:
            return
        if status is None:
            self.app_status.pop(app_id, None)
        else:
            self.app_status[app_id] = status
        if not self.is_running:
            return
        for view in self.board_views():
            view.show_status(app_id, status)
        if self.tabs.active == LAUNCHER_PANE:
            self.launcher.redraw()

    def sync_status_checks(self) -> None:
        """One reachability check per app with a URL and its check on (not http-bound apps:
        their integration is the check)."""
        if not self.STATUS_CHECKS:
            return
        try:
            apps = self.services.apps.list()
        except LauncherError as exc:
            log.warning("status checks: cannot list apps: %s", exc)
            return
        self.status_checker.sync(
            CheckTarget(a.id, a.url, a.verify_tls)
            for a in apps
            if a.url and a.status_check and a.integration != "http"
        )

    def failing_apps(self) -> set[int]:
        """Apps whose integration is failing now (a fetch error on any watched key)."""
        failing = set()
        for target, _endpoint, _error in self.hub.failures():
            with contextlib.suppress(ValueError):
                failing.add(int(target.app_id))
        return failing

    def alerts_changed(self) -> None:
        """Feed the banner from the hub after an update (a cleared alert disappears).

        A new critical alert rings the bell once; the terminal title carries the count.
        """
        if not self.is_running:
            return
        self.alert_watcher.follow(
            AlertSource(c.target, c.endpoint_id, c.options, c.interval) for c in self.hub.alerting()
        )
        alerts = self.hub.alerts()
        if self.alert_book.update(alerts):
            self.bell()
        self.overlay.update_alerts(alerts, acknowledged=self.alert_book.acks)
        self.alert_title.show(self.overlay.critical_count, self.overlay.warning_count)

    def _save_acks(self, acks: set[str]) -> None:
        try:
            save_acks(self.services.store, acks)
        except LauncherError as exc:
            log.warning("alerts: cannot store acknowledgements: %s", exc)

    # -- card messages --------------------------------------------------------------------------

    def _board_of(self, widget: Widget) -> BoardView | None:
        return next((a for a in widget.ancestors if isinstance(a, BoardView)), None)

    def on_integration_widget_refresh_requested(
        self, event: IntegrationWidget.RefreshRequested
    ) -> None:
        board = self._board_of(event.widget)
        if board is not None and isinstance(event.widget, Card):
            board.refresh_card(event.widget)

    def on_integration_widget_action_requested(
        self, event: IntegrationWidget.ActionRequested
    ) -> None:
        card = event.widget
        if not isinstance(card, Card):
            return
        action = event.action

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.run_integration_action(card, action.id, action.label)

        self.push_screen(ConfirmScreen(action.confirm, yes=action.label), confirmed)

    @work(group="actions")
    async def run_integration_action(self, card: Card, action_id: str, label: str) -> None:
        try:
            target = self.target_for(card.record.app_id)
            summary = await self.runtime.run_action(target, action_id)
        except (IntegrationError, LauncherError) as exc:
            self.notify(f"{exc.message}\n{exc.hint}", title=f"{label} failed", severity="error")
            return
        except LookupError as exc:
            self.notify(str(exc), title=f"{label} failed", severity="error")
            return
        self.notify(summary or "Done.", title=label)
        board = self._board_of(card)
        if board is not None:
            board.refresh_card(card)

    # -- focus helpers --------------------------------------------------------------------------

    @property
    def focused_card(self) -> Widget | None:
        """The focused card (working or broken) on the shown board."""
        focused = self.focused
        if self.screen is not self.screen_stack[0] or focused is None:
            return None
        return focused if hasattr(focused, "record") and self._board_of(focused) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FORM_ACTIONS and not self._may_open_form():
            return False
        if action in EDIT_ACTIONS and self.services.store.read_only:
            return False  # a read-only store: the notice said edits are disabled
        if action in ("move_widget", "resize_widget", "focus_card", "remove_widget"):
            return self.focused_card is not None
        if action in ("edit_app", "edit_widget"):
            return self.focused_card is not None or (
                self.tabs.active == LAUNCHER_PANE
                and self.launcher.selected is not None
                and self._may_open_form()
            )
        if action in ("rename_board", "remove_board"):
            return self.current_board is not None
        return True

    def _may_open_form(self) -> bool:
        """A form key acts on the main screen only, and never while someone types in an input."""
        return self.screen is self.screen_stack[0] and not isinstance(self.focused, Input)

    # -- actions: apps --------------------------------------------------------------------------

    def action_add_app(self) -> None:
        self.push_screen(AppForm(), self._new_app_saved)

    def _new_app_saved(self, record: AppRecord | None) -> None:
        """A new app: saved as usual, then one keystroke puts its main data on this board."""
        self._app_saved(record)
        board = self.current_board or next(iter(self.board_views()), None)
        if record is None or not record.integration or board is None:
            return
        try:
            integration = self.services.registry.get(record.integration)
        except (LookupError, ImportError):
            return
        endpoints = suggested_endpoints(integration.endpoints)
        if not endpoints:
            return
        names = ", ".join(e.name for e in endpoints)
        board_name = self.services.boards.get(board.board_id).name

        def answer(yes: bool | None) -> None:
            if yes:
                self.add_suggested_cards(record, endpoints, board.board_id)

        question = f"Add {record.name}'s cards to {board_name}? ({names})"
        self.push_screen(ConfirmScreen(question, yes="Add cards", danger=False), answer)

    def add_suggested_cards(self, record: AppRecord, endpoints: list[Any], board_id: int) -> None:
        """Place the offered cards at the first free places; name them and focus the first."""
        added = []
        for endpoint in endpoints:
            w, h = default_size(endpoint)
            try:
                added.append(
                    self.services.widgets.add(
                        {
                            "board": board_id,
                            "app": record.id,
                            "endpoint": endpoint.id,
                            "w": w,
                            "h": h,
                        }
                    )
                )
            except LauncherError as exc:
                log.warning("suggested card %s refused: %s", endpoint.id, exc)
        if added:
            names = ", ".join(self.card_name(w) for w in added)
            self.notify(f"Added {names} to {added[0].board}.", title="Cards")
            self.reload_board(board_id, focus_widget=added[0].id)

    def action_edit_app(self) -> None:
        card = self.focused_card
        app_id = card.record.app_id if card is not None else None  # type: ignore[attr-defined]
        if app_id is None and self.tabs.active == LAUNCHER_PANE:
            selected = self.launcher.selected
            app_id = selected.id if selected else None
        if app_id is not None:
            self.edit_app(self.services.apps.get(app_id))

    def action_edit_widget(self) -> None:
        """``e``: the focused card's own editor (in the launcher, the selected app's form)."""
        card = self.focused_card
        if card is None:
            self.action_edit_app()
            return
        record = self.services.widgets.get(card.record.id)  # type: ignore[attr-defined]

        def edited(result: WidgetRecord | str | None) -> None:
            if isinstance(result, WidgetRecord):
                self.notify(f"Saved {self.card_name(result)}.", title="Card")
                self.reload_board(result.board_id, focus_widget=result.id)
            elif result == EDIT_APP:
                self.edit_app(self.services.apps.get(record.app_id))

        self.push_screen(WidgetForm(record=record), edited)

    def card_name(self, record: WidgetRecord) -> str:
        """How a card is called in messages: its own title, else "Data · App" as on screen."""
        if record.title:
            return record.title
        try:
            kind = self.services.apps.integration_of(record.app_id) or ""
            endpoint = self.services.registry.get(kind).endpoint(record.endpoint).name
        except (LookupError, ImportError, LauncherError):
            endpoint = record.endpoint
        return f"{endpoint} · {record.app}"

    def edit_app(self, record: AppRecord) -> None:
        self.push_screen(AppForm(record), self._app_saved)

    def _app_saved(self, record: AppRecord | None) -> None:
        if record is not None:
            self.notify(f"Saved {record.name}.", title="App")
            self.after_app_change(record.id)

    @work(group="app-change")
    async def after_app_change(self, app_id: int) -> None:
        """An app was added, edited or removed: drop its cached data, redraw what shows it."""
        self.hub.forget_app(str(app_id))
        await self.runtime.forget(str(app_id))
        self.app_status.pop(app_id, None)
        self.status_checker.forget(app_id)
        for view in self.board_views():
            await view.reload()
        self.launcher.reload()
        self.watch_alerts()
        self.sync_status_checks()
        self.update_hint()

    def confirm_remove_app(self, record: AppRecord) -> None:
        widgets = [w for w in self.services.widgets.list() if w.app_id == record.id]
        extra = f" and its {len(widgets)} widget(s)" if widgets else ""

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.services.apps.remove(record.id)
            except LauncherError as exc:
                self.notify(exc.message, severity="error")
                return
            self.notify(f"Removed {record.name}.", title="App")
            self.after_app_change(record.id)

        self.push_screen(ConfirmScreen(f"Remove the app '{record.name}'{extra}?"), answer)

    def on_launcher_view_app_chosen(self, event: LauncherView.AppChosen) -> None:
        self.show_app(event.app_record)

    def show_app(self, record: AppRecord) -> None:
        """An app's detail: its link (open, copy the URL over SSH) and edit."""

        def closed(result: str | None) -> None:
            if result == "edit":
                self.edit_app(self.services.apps.get(record.id))

        self.push_screen(AppDetail(record, self.app_status.get(record.id)), closed)

    def on_launcher_view_bookmark_chosen(self, event: LauncherView.BookmarkChosen) -> None:
        """A bookmark is a plain link: copy it (OSC 52 reaches the local clipboard over SSH)."""
        mark = event.bookmark
        self.copy_to_clipboard(mark.url)
        self.notify(f"Copied {mark.url}", title=mark.name)

    def show_pane(self, pane: str) -> None:
        """Switch tabs; the focus goes along (a focused widget would pull its pane back)."""
        if self.tabs.active != LAUNCHER_PANE:
            self._last_board_pane = self.tabs.active
        self.screen.set_focus(None)
        self.tabs.active = pane
        self.call_after_refresh(self._focus_pane)

    def _focus_pane(self) -> None:
        if self.tabs.active == LAUNCHER_PANE:
            self.launcher.focus_list()
            return
        # activate now: the tab switch's own message may come later, and a card of a board
        # not yet active refuses the focus (on_shown_board), leaving no card focused at all
        self.sync_active_board()
        board = self.current_board
        if board is not None and board.cards:
            remembered = self._last_card.get(board.board_id)
            (remembered if remembered in board.cards else board.cards[0]).focus()
        else:
            self.tabs.query_one("Tabs").focus()

    def action_find(self) -> None:
        """``/`` from a board: the launcher, its filter focused, ready for the first letter."""
        self.screen.set_focus(None)
        self.tabs.active = LAUNCHER_PANE
        self.call_after_refresh(self.launcher.action_filter)

    def action_toggle_launcher(self) -> None:
        if self.tabs.active == LAUNCHER_PANE:
            boards = [pane_id(b.board_id) for b in self.board_views()]
            if boards:
                back = self._last_board_pane
                self.show_pane(back if back in boards else boards[0])
        else:
            self.show_pane(LAUNCHER_PANE)

    # -- actions: widgets -----------------------------------------------------------------------

    def action_add_widget(self) -> None:
        board = self.current_board
        boards = self.services.boards.list()
        if not boards:
            self.notify("Add a board first (b).", severity="warning")
            return
        board_id = board.board_id if board else boards[0].id
        self.push_screen(WidgetForm(board_id), self._widget_saved)

    def _widget_saved(self, record: Any) -> None:
        if record is None:
            return
        self.notify(f"Added {self.card_name(record)} to {record.board}.", title="Card")
        self.reload_board(record.board_id, focus_widget=record.id)

    @work(group="board-reload")
    async def reload_board(self, board_id: int, focus_widget: int | None = None) -> None:
        view = next((b for b in self.board_views() if b.board_id == board_id), None)
        if view is None:
            return
        await view.reload()
        self.show_pane(pane_id(board_id))
        self.sync_active_board()
        if focus_widget is not None:
            card = view.card_for(focus_widget)
            if card is not None:
                self.call_after_refresh(card.focus)

    def action_remove_widget(self) -> None:
        card = self.focused_card
        if card is None:
            return
        rec = card.record  # type: ignore[attr-defined]

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            self.services.widgets.remove(rec.id)
            self.notify(f"Removed {name}.", title="Card")
            self.reload_board(rec.board_id)

        name = self.card_name(rec)
        self.push_screen(ConfirmScreen(f"Remove the card '{name}' from this board?"), answer)

    def action_move_widget(self, dx: int, dy: int) -> None:
        self._reshape(lambda rec: self._move(rec, dx, dy))

    def _move(self, rec: Any, dx: int, dy: int) -> Any:
        """Move one step, jumping over cards in the way to the next free place."""
        board = self.services.boards.get(rec.board_id)
        rows = max((w.y + w.h for w in self.services.widgets.list(rec.board_id)), default=0)
        steps = board.columns if dx else rows + 1
        for step in range(1, steps + 1):
            x, y = rec.x + dx * step, rec.y + dy * step
            if x < 0 or y < 0 or x + rec.w > board.columns:
                break
            with contextlib.suppress(ValidationFailed):
                return self.services.widgets.move(rec.id, x, y)
        raise ValidationFailed(
            {"position": self._refusal(rec, Box(rec.x + dx, rec.y + dy, rec.w, rec.h))}
        )

    def action_resize_widget(self, dw: int, dh: int) -> None:
        self._reshape(lambda rec: self._resize(rec, dw, dh))

    def _resize(self, rec: Any, dw: int, dh: int) -> Any:
        try:
            return self.services.widgets.resize(rec.id, rec.w + dw, rec.h + dh)
        except ValidationFailed:
            box = Box(rec.x, rec.y, rec.w + dw, rec.h + dh)
            raise ValidationFailed({"size": self._refusal(rec, box)}) from None

    def _refusal(self, rec: WidgetRecord, box: Box) -> str:
        """A refused move or resize in words, naming the card in the way."""
        others = self.services.widgets.list(rec.board_id)
        columns = self.services.boards.get(rec.board_id).columns
        return placement_refusal(rec, box, others, columns, self.card_name)

    def _reshape(self, change: Callable[[Any], Any]) -> None:
        card = self.focused_card
        board = self._board_of(card) if card is not None else None
        if card is None or board is None:
            return
        try:
            record = change(card.record)  # type: ignore[attr-defined]
        except ValidationFailed as exc:
            self.notify(next(iter(exc.errors.values()), exc.message), severity="warning")
            return
        board.update_record(record)
        card.scroll_visible()

    def action_focus_card(self, direction: Direction) -> None:
        card = self.focused_card
        board = self._board_of(card) if card is not None else None
        if card is None or board is None:
            return
        target = board.neighbour(card, direction)
        if target is not None:
            target.focus()

    def action_refresh_all(self) -> None:
        board = self.current_board
        if board is not None:
            for card in board.cards:
                if isinstance(card, Card):
                    card.show_loading()
        self.hub.refresh_all()

    # -- actions: boards ------------------------------------------------------------------------

    def action_next_board(self) -> None:
        self._step_board(1)

    def action_prev_board(self) -> None:
        self._step_board(-1)

    def _step_board(self, step: int) -> None:
        panes = [pane_id(b.board_id) for b in self.board_views()] + [LAUNCHER_PANE]
        current = self.tabs.active
        index = panes.index(current) if current in panes else 0
        self.show_pane(panes[(index + step) % len(panes)])

    def switch_board(self, board_id: int) -> None:
        self.show_pane(pane_id(board_id))

    def action_add_board(self) -> None:
        def named(name: str | None) -> None:
            if name:
                self.add_board(name)

        self.push_screen(PromptScreen("Name of the new board", placeholder="e.g. Media"), named)

    @work(group="boards")
    async def add_board(self, name: str) -> None:
        try:
            board = self.services.boards.add({"name": name})
        except LauncherError as exc:
            self.notify(exc.message, severity="error")
            return
        pane = TabPane(
            Content(board.name),
            BoardView(board.id, board.columns, id=f"view-{board.id}"),
            id=pane_id(board.id),
        )
        await self.tabs.add_pane(pane, before=LAUNCHER_PANE)
        self.show_pane(pane_id(board.id))
        self.sync_active_board()

    def action_rename_board(self) -> None:
        view = self.current_board
        if view is None:
            return
        old = self.services.boards.get(view.board_id).name

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                board = self.services.boards.rename(view.board_id, name)
            except LauncherError as exc:
                self.notify(exc.message, severity="error")
                return
            self.tabs.get_tab(pane_id(board.id)).label = Content(board.name)

        self.push_screen(PromptScreen("Rename board", value=old), named)

    def action_remove_board(self) -> None:
        view = self.current_board
        if view is None:
            return
        board = self.services.boards.get(view.board_id)

        def answer(yes: bool | None) -> None:
            if yes:
                self.remove_board(view)

        count = f" and its {board.widget_count} widget(s)" if board.widget_count else ""
        self.push_screen(ConfirmScreen(f"Remove the board '{board.name}'{count}?"), answer)

    @work(group="boards")
    async def remove_board(self, view: BoardView) -> None:
        view.deactivate()
        self.services.boards.remove(view.board_id)
        await self.tabs.remove_pane(pane_id(view.board_id))
        boards = self.board_views()
        self.show_pane(pane_id(boards[0].board_id) if boards else LAUNCHER_PANE)
        self.sync_active_board()

    # -- actions: alerts, columns, clock --------------------------------------------------------

    def action_acknowledge_alert(self) -> None:
        alert = self.overlay.first_critical
        if alert is None:
            self.notify("No critical alert to acknowledge.", severity="information")
            return
        self.alert_book.acknowledge(alert)
        self.alerts_changed()
        self.notify(f"Acknowledged: {alert.message} — until it clears.", title="Alert")

    def action_alert_history(self) -> None:
        if not isinstance(self.screen, AlertHistoryScreen):
            self.push_screen(AlertHistoryScreen(self.alert_book))

    def action_board_columns(self) -> None:
        view = self.current_board
        if view is None:
            return
        board = self.services.boards.get(view.board_id)

        def answered(value: str | None) -> None:
            if not value:
                return
            try:
                record = self.services.boards.set_columns(board.id, int(value.strip()))
            except ValueError:
                self.notify("Give a whole number of columns.", severity="error")
                return
            except LauncherError as exc:
                errors = getattr(exc, "errors", {})
                self.notify(next(iter(errors.values()), exc.message), severity="error")
                return
            view.set_columns(record.columns)

        self.push_screen(
            PromptScreen(f"Columns of '{board.name}'", value=str(board.columns)), answered
        )

    def action_toggle_clock(self) -> None:
        shown = not self.query(DateClock)
        try:
            self.services.settings.set(CLOCK_SETTING, shown)
        except LauncherError as exc:
            self.notify(exc.message, severity="error")
        self.show_clock(shown)

    def show_clock(self, shown: bool) -> None:
        """Mount or remove the header clock (the ``setting.clock`` meta value)."""
        header = self.query_one(Header)
        header.query("HeaderClockSpace").set(display=not shown)
        if shown and not self.query(DateClock):
            header.mount(DateClock(self.clock, id="clock"))
        elif not shown:
            self.query(DateClock).remove()

    def apply_saved_look(self) -> None:
        """``setting.title`` / ``setting.theme`` (e.g. from ``import homepage``) shape the header
        and colours; an unknown theme name is ignored."""
        try:
            saved = self.services.settings.all()
        except LauncherError:
            return
        if saved.get("title"):
            self.title = clean_text(saved["title"])
        if saved.get("theme") in self.available_themes:
            self.theme = saved["theme"]

    def action_change_theme(self) -> None:
        """``T``: the theme picker with the current theme marked (see theme_picker)."""
        self.push_screen(theme_palette())

    def save_theme(self, name: str) -> None:
        """Remember the chosen theme (``setting.theme``) for the next start."""
        try:
            self.services.settings.set("theme", name)
        except LauncherError as exc:
            self.notify(exc.message, title="Theme not saved", severity="warning")

    def clock_setting(self) -> bool:
        try:
            return self.services.settings.get(CLOCK_SETTING) == "on"
        except LauncherError:
            return False

    # -- help and palette -----------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every command of the table, one "switch to" per board, then Textual's."""
        ours = {c.title for c in COMMANDS}
        for cmd in COMMANDS:
            if not cmd.palette:
                continue
            name = cmd.action.split("(")[0]
            if name not in FORM_ACTIONS and self.check_action(name, ()) is False:
                continue  # form keys are judged when run: the palette's own input has the focus
            yield SystemCommand(
                cmd.title,
                f"{cmd.description} Key: {key_words(cmd.keys_text)}.",
                self._palette_runner(cmd.action),
            )
        for board in self.services.boards.list():
            yield SystemCommand(
                f"Switch to board: {board.name}",
                f"{board.widget_count} widget(s)",
                lambda board_id=board.id: self.switch_board(board_id),
            )
        for record in self.services.apps.list():
            yield SystemCommand(
                f"App: {record.name}",
                f"{record.url or 'no URL'} · Enter: open, copy the URL, edit",
                lambda record=record: self.show_app(record),
            )
        for command in super().get_system_commands(screen):
            if command.title not in ours:
                yield command

    def _palette_runner(self, action: str) -> Callable[[], Any]:
        async def run() -> None:
            if action in FORM_ACTIONS:  # chosen in the palette: no input of ours is typing
                getattr(self, f"action_{action}")()
            else:
                await self.run_action(action)

        return run


def run(*, debug: bool = False) -> int:
    """Open the store, seed the first run, run the dashboard; returns the exit code.

    Store failures (locked, corrupt, too new) raise their typed error before Textual starts:
    the CLI prints it as one line with a hint and the matching exit code.
    """
    from launcher_tui.logfile import attach_log_file, detach

    if not logging.getLogger().handlers:
        logging.getLogger().addHandler(logging.NullHandler())  # never print over the screen
    services = open_services()
    log_file = attach_log_file()  # beside the database; None when it cannot be written
    try:
        services.first_run()
        app = LauncherApp(services)
        app.show_tracebacks = debug
        startup_gc.release()  # every module is imported: freeze them, collect from here on
        app.run()
    finally:
        services.close()
        detach(log_file)
    return app.return_code or 0
