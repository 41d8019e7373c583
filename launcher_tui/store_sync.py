"""Apply store changes made elsewhere (the CLI) to the running dashboard, keeping its state.

The dashboard polls :class:`~launcher_tui.store_watcher.StoreWatcher`; when another process
committed, :func:`sync_dashboard` compares two :class:`~launcher_tui.store_watcher.StoreSnapshot`
and touches only what changed: boards added, removed, renamed or re-gridded; cards added,
removed, moved or rebuilt (:meth:`BoardView.sync` keeps unchanged cards, so charts keep their
history and the focused card keeps the focus); apps edited (their cached data and connections
are dropped, their cards resubscribed); the launcher list and the alert sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import TabPane

from launcher_tui.screens.board import BoardView

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp
    from launcher_tui.store_watcher import StoreSnapshot


async def sync_dashboard(app: LauncherApp, before: StoreSnapshot, after: StoreSnapshot) -> None:
    """Bring ``app`` from ``before`` to ``after`` (see the module docstring)."""
    from launcher_tui.app import LAUNCHER_PANE, pane_id

    apps = before.changed_apps(after)
    for app_id in apps:
        app.hub.forget_app(str(app_id))
        app.alert_watcher.forget_app(str(app_id))
        await app.runtime.forget(str(app_id))
        app.app_status.pop(app_id, None)
        app.status_checker.forget(app_id)

    active = app.tabs.active
    views = {v.board_id: v for v in app.board_views()}
    for board_id in before.boards.keys() - after.boards.keys():
        view = views.pop(board_id, None)
        if view is not None:
            view.deactivate()
            await app.tabs.remove_pane(pane_id(board_id))
    for board_id, board in after.boards.items():
        view = views.get(board_id)
        if view is None:
            pane = TabPane(
                Content(board.name),
                BoardView(board.id, board.columns, id=f"view-{board.id}"),
                id=pane_id(board.id),
            )
            await app.tabs.add_pane(pane, before=LAUNCHER_PANE)
            continue
        old = before.boards.get(board_id)
        if old is not None and old.name != board.name:
            app.tabs.get_tab(pane_id(board_id)).label = Content(board.name)
        if view.columns != board.columns:
            view.set_columns(board.columns)
        shows_changed_app = any(w.app_id in apps for w in after.widgets.get(board_id, ()))
        if board_id in before.changed_boards(after) or shows_changed_app:
            await view.sync(resubscribe=shows_changed_app)

    if apps or before.bookmarks != after.bookmarks:
        app.launcher.reload()
    if apps:
        app.update_hint()
        app.sync_status_checks()
    app.watch_alerts()
    if active not in {pane_id(b) for b in after.boards} | {LAUNCHER_PANE}:
        boards = app.board_views()
        app.show_pane(pane_id(boards[0].board_id) if boards else LAUNCHER_PANE)
    app.sync_active_board()
