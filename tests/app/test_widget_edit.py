"""Edit a card in place from the board: ``e`` edits the card, ``E`` (or Ctrl+O) its app."""

from __future__ import annotations

from textual.widgets import Input

from launcher_tui.screens.app_form import AppForm
from launcher_tui.screens.dialogs import ConfirmScreen
from launcher_tui.screens.widget_form import WidgetForm
from tests.app.conftest import ready, wait_until
from tests.support.keys import burst


async def test_e_edits_the_focused_card_title_and_refresh(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        card = app.focused_card
        before = card.record
        burst(app, "e", *"CPU now", "tab")
        await wait_until(pilot, lambda: ready(app, WidgetForm))
        form = app.screen
        assert form.record.id == before.id
        title = form.query_one("#widget-title", Input)
        await wait_until(pilot, lambda: title.value == "CPU now")
        refresh = form.query_one("#widget-refresh", Input)
        await wait_until(pilot, lambda: app.focused is refresh)
        burst(app, *"15", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, WidgetForm))
        saved = services.widgets.get(before.id)
        assert (saved.title, saved.refresh_interval) == ("CPU now", 15)
        assert (saved.x, saved.y, saved.w, saved.h) == (before.x, before.y, before.w, before.h)
        await wait_until(
            pilot,
            lambda: (
                "CPU now" in str(getattr(app.current_board.card_for(before.id), "border_title", ""))
            ),
        )
        await wait_until(pilot, lambda: app.focused is app.current_board.card_for(before.id))

        # the confirmation names the card by its title
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.question == "Remove the card 'CPU now' from this board?"
        await pilot.press("n")


async def test_the_cards_app_is_one_key_away(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        app_name = app.focused_card.record.app
        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, AppForm))
        assert app.screen.record.name == app_name
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.focused_card is not None)
        await pilot.press("e")
        await wait_until(pilot, lambda: ready(app, WidgetForm))
        await wait_until(pilot, lambda: app.screen.typeahead_is_ready)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, AppForm))
        assert app.screen.record.name == app_name


async def test_editing_options_is_checked_like_adding(make_app, frozen, services):
    services.first_run()
    home = services.boards.get("Home")
    machine = services.apps.get("This machine")
    rec = services.widgets.add(
        {"board": home.id, "app": machine.id, "endpoint": "processes", "options": {"count": 3}}
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)  # the board's own focus
        target = app.current_board.card_for(rec.id)
        target.focus()
        await wait_until(pilot, lambda: app.focused is target)
        await pilot.press("e")
        await wait_until(pilot, lambda: ready(app, WidgetForm))
        form = app.screen
        await wait_until(pilot, lambda: form.shown_endpoint == "processes")
        count = form.query_one("#options-form").input_for("count")
        assert count.value == "3"  # the stored option, not the default
        count.value = "99"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.focused is count)
        assert form.query_one("#options-form").error_for("count")
        count.value = "7"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, WidgetForm))
        assert services.widgets.get(rec.id).options == {"count": 7}
