"""``l`` and back: the board you came from returns with its card focused (a newcomer found the
board deaf to the keyboard after a visit to the launcher: no card had the focus, ``e`` did
nothing, and ``l`` always went back to the first board)."""

from __future__ import annotations

from launcher_tui.app import LAUNCHER_PANE, LauncherApp
from tests.app.conftest import wait_until


async def test_launcher_and_back_keeps_the_board_and_its_focused_card(make_app, frozen, services):
    services.first_run()
    machine = services.apps.list()[0].id
    second_board = services.boards.add({"name": "Second"}).id
    for x in range(2):
        services.widgets.add({"board": "Second", "app": machine, "endpoint": "uptime", "x": x})
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(
            pilot, lambda: app.current_board and app.focused in app.current_board.cards
        )
        await pilot.press("right_square_bracket")  # the second board
        await wait_until(
            pilot,
            lambda: (
                app.current_board
                and app.current_board.board_id == second_board
                and app.focused in app.current_board.cards
            ),
        )
        await pilot.press("right")  # its second card
        second = app.current_board.cards[1]
        await wait_until(pilot, lambda: app.focused is second)
        for _ in range(2):  # there and back, twice
            await pilot.press("l")
            await wait_until(pilot, lambda: app.tabs.active == LAUNCHER_PANE)
            await pilot.press("l")
            await wait_until(pilot, lambda: app.focused is second)
            assert app.current_board is not None and app.current_board.board_id == second_board
        await pilot.press("e")  # the keyboard acts on the card again
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WidgetForm")
