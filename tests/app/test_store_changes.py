"""The running dashboard notices CLI changes from another shell (issue 10, item 4).

The real CLI runs in a subprocess on the same store while the dashboard runs under Pilot; the
test waits on the cards appearing, and checks that the cards already there were kept (same
widget objects: a chart keeps its history, the focused card keeps the focus).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from launcher_tui.app import LauncherApp
from launcher_tui.screens.board import BoardView
from launcher_tui.store_watcher import StoreWatcher
from tests.app.conftest import wait_until
from tests.app.demo import frozen_clock

REPO = Path(__file__).resolve().parents[2]


async def cli(*args: str) -> str:
    """``launcher-tui ARGS`` in a subprocess (same data/config dirs), without blocking the app."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "launcher_tui",
        *args,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode == 0, (args, out.decode(), err.decode())
    return out.decode()


def board(app: LauncherApp, name: str) -> BoardView | None:
    for view in app.board_views():
        if app.tabs.get_tab(f"board-{view.board_id}").label.plain == name:
            return view
    return None


async def test_cli_changes_appear_without_a_restart_keeping_focus_and_cards(
    make_app, frozen, services
):
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.current_board
        assert home is not None
        await wait_until(pilot, lambda: len(home.cards) > 1)
        before = list(home.cards)
        count = len(before)
        await wait_until(pilot, lambda: app.focused in before)  # the start-up focus landed
        before[1].focus()
        await wait_until(pilot, lambda: app.focused is before[1])
        focused = app.focused
        await cli("widgets", "add", "Home", "This machine", "uptime")
        await cli("boards", "add", "Network")
        await wait_until(pilot, lambda: len(home.cards) == count + 1)
        await wait_until(pilot, lambda: board(app, "Network") is not None)
        assert all(card in home.cards for card in before)  # kept, not rebuilt
        assert app.focused is focused
        added = next(c for c in home.cards if c not in before)
        assert added.record.endpoint == "uptime"  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: getattr(added, "state", "") == "ready")
        # a removal from the CLI takes the card away; the other cards stay
        await cli("widgets", "remove", str(added.record.id))  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: len(home.cards) == count)
        assert home.cards == before and app.focused is focused
        # an app added from the CLI reaches the launcher list
        await cli("apps", "add", "NAS", "--url", "http://127.0.0.1:9", "--group", "Lab")
        await wait_until(pilot, lambda: any(a.name == "NAS" for a in app.launcher.apps), 10)
        assert app.focused is focused


def test_data_version_sees_other_connections_only(services, isolated_dirs):
    from launcher_tui.services import open_services

    watcher = StoreWatcher(services.store)
    assert not watcher.changed()
    services.boards.add({"name": "Own"})  # this connection's own commit
    assert not watcher.changed()
    with open_services() as other:
        other.boards.add({"name": "Theirs"})
    assert watcher.changed()
    assert not watcher.changed()  # once per change


async def test_a_change_committed_while_the_dashboard_starts_is_not_lost(
    services, frozen, isolated_dirs
):
    """Another shell adds a card after the first board has read its cards, before the app has
    finished mounting: the card still arrives."""
    from launcher_tui.services import open_services

    class ChangedDuringStartUp(LauncherApp):
        CSS_PATH = str(REPO / "launcher_tui" / LauncherApp.CSS_PATH)

        def on_mount(self) -> None:
            with open_services() as other:  # the first board has composed its cards already
                other.widgets.add({"board": "Home", "app": "This machine", "endpoint": "uptime"})
            super().on_mount()

    services.first_run()
    stored = sum(len(cards) for cards in services.widgets.stored_layout().values())
    app = ChangedDuringStartUp(services, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.current_board
        assert home is not None
        await wait_until(pilot, lambda: len(home.cards) == stored + 1)
