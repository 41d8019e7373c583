"""The focused card is always on screen (issue 10, item 5): at 80x24 the arrow keys used to
focus cards below the fold without scrolling, so ``e``, ``Del`` and ``p`` acted on a card the
person could not see."""

from __future__ import annotations

from launcher_tui.app import LauncherApp
from tests.app.conftest import wait_until


def visible(app: LauncherApp) -> bool:
    """The focused card lies wholly inside the board's visible area."""
    board = app.current_board
    focused = app.focused
    assert board is not None and focused is not None
    shown = board.content_region
    card = focused.region
    return card.height > 0 and shown.y <= card.y and card.bottom <= shown.bottom


async def test_arrow_keys_scroll_the_focused_card_into_view(make_app, frozen, services):
    services.first_run()
    machine = services.apps.list()[0].id
    for _ in range(6):  # three more rows of cards below the first-run board
        services.widgets.add({"board": "Home", "app": machine, "endpoint": "uptime", "w": 2})
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.current_board
        assert board is not None
        await wait_until(pilot, lambda: board.cards and app.focused in board.cards)
        seen = set()
        for _ in range(8):
            await pilot.press("down")
            await pilot.pause()
            await wait_until(pilot, lambda: visible(app))
            seen.add(app.focused)
        assert board.scroll_y > 0  # it really had to scroll
        bottom = app.focused
        assert bottom.record.y == max(c.record.y for c in board.cards)  # type: ignore[union-attr]
        for _ in range(8):
            await pilot.press("up")
            await pilot.pause()
            await wait_until(pilot, lambda: visible(app))
        assert board.scroll_y == 0
