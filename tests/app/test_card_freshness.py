"""Issue #10 item 2: "updated … ago" is the last successful check, and ``r`` always ends.

The data of the frozen ``system`` integration never changes, so the coordinator has nothing new
to draw after a refresh. The card must still learn that the check happened: its entry (and so
its age) is the new one, and the refresh indicator turned on by ``r`` goes away as soon as the
fetch ends.
"""

from __future__ import annotations

from launcher_tui.screens.board import Card
from tests.app.conftest import wait_until


async def test_refresh_of_unchanged_data_ends_and_restarts_the_age(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        board = app.current_board
        assert board is not None
        # the uptime card: its timer (60 s) cannot add a call of its own while the test runs, so
        # the second call below is the one ``r`` asked for (the CPU card's 5 s timer could)
        await wait_until(pilot, lambda: frozen.calls.get("uptime") == 1)
        card = next(c for c in board.cards if isinstance(c, Card) and c.record.endpoint == "uptime")
        await wait_until(pilot, lambda: card.state == "ready")
        first = card.entry
        assert first is not None
        card.focus()
        await pilot.press("r")
        await wait_until(pilot, lambda: frozen.calls.get("uptime") == 2)
        await wait_until(pilot, lambda: not card.refreshing)
        assert card.entry is not None and card.entry.fetched_at > first.fetched_at
        assert card.entry.value.data == first.value.data  # nothing changed: same data shown
        assert "refreshing" not in str(card.query_one("#status").render())
