"""Boards that are not shown mount no card until they are shown (issue #11 P7).

The cost of a dashboard must grow with the cards on screen, not with the cards stored: a
hidden board's cards are read from the store, mounted, laid out and subscribed the first time
its tab is shown.
"""

from __future__ import annotations

from tests.app.conftest import wait_until


async def test_hidden_board_mounts_its_cards_only_when_shown(make_app, frozen, services):
    services.first_run()
    machine = services.apps.list()[0].id
    for widget in services.widgets.list("Home"):
        if widget.endpoint == "uptime":
            services.widgets.remove(widget.id)  # only the hidden board shows it
    other = services.boards.add({"name": "Other"}).id
    for endpoint in ("uptime", "cpu", "memory"):
        services.widgets.add({"board": other, "app": machine, "endpoint": endpoint})
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.current_board
        assert home is not None
        await wait_until(pilot, lambda: home.cards and all(c.state == "ready" for c in home.cards))
        hidden = next(v for v in app.board_views() if v.board_id == other)
        assert hidden.cards == [] and not hidden.active
        assert "uptime" not in frozen.calls

        app.switch_board(other)
        await wait_until(pilot, lambda: len(hidden.cards) == 3, timeout=30)
        await wait_until(pilot, lambda: all(c.state == "ready" for c in hidden.cards), timeout=30)
        assert frozen.calls.get("uptime") == 1
        # placed on the grid once the board has a size: the first layout of a board just shown
        # may come after its data (on a loaded machine it does), so this is waited for too
        await wait_until(pilot, lambda: all(c.display and c.region for c in hidden.cards))
