"""Keys typed fast land in the right fields: right after ``a``, across Tab, with Backspace, pasted.

Each test sends its keys the way a terminal delivers a burst (``tests.support.keys.burst``: no
pause for the app between keys, unlike ``pilot.press``), then waits for the outcome. Before the
type-ahead gate the form lost every key typed while it opened, and a burst after it was open
put ``Downloads<Tab>http://…`` all into the name field.
"""

from __future__ import annotations

from textual.widgets import Input

from launcher_tui.screens.app_form import AppForm
from tests.app.conftest import wait_until
from tests.support.keys import burst, paste


def form_ready(app) -> bool:
    """The add-app form is mounted and has taken the keys held for it."""
    return isinstance(app.screen, AppForm) and app.screen.typeahead_is_ready


def values(form: AppForm) -> dict[str, str]:
    return {f: form.query_one(f"#app-{f}", Input).value for f in ("name", "url", "group")}


async def board_shown(app, pilot) -> None:
    await wait_until(pilot, lambda: app.focused_card is not None)


async def test_keys_typed_right_after_a_reach_their_fields(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await board_shown(app, pilot)
        burst(app, "a", *"Downloads", "tab", *"http://nas:9091", "tab", *"Media")
        await wait_until(pilot, lambda: form_ready(app))
        form = app.screen
        expected = {"name": "Downloads", "url": "http://nas:9091", "group": "Media"}
        await wait_until(pilot, lambda: values(form) == expected)
        assert app.focused is form.query_one("#app-group")


async def test_pilot_presses_with_no_pause_after_a(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await board_shown(app, pilot)
        await pilot.press("a", *"Box", "tab", *"http://box", "shift+tab", "end", "backspace", "X")
        await wait_until(pilot, lambda: form_ready(app))
        form = app.screen
        await wait_until(pilot, lambda: values(form)["name"] == "BoX")
        assert values(form)["url"] == "http://box"


async def test_edit_keys_keep_their_place_in_a_burst(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await board_shown(app, pilot)
        burst(
            app, "a", *"Sonarx", "backspace", "r", "home", "ctrl+k", *"Sonarr", "tab", *"http://x"
        )
        await wait_until(pilot, lambda: form_ready(app))
        form = app.screen
        await wait_until(pilot, lambda: values(form)["url"] == "http://x")
        assert values(form)["name"] == "Sonarr"


async def test_a_paste_right_after_a_lands_in_the_first_field(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await board_shown(app, pilot)
        burst(app, "a")
        paste(app, "Home Assistant")
        burst(app, "tab", *"http://ha:8123")
        await wait_until(pilot, lambda: form_ready(app))
        form = app.screen
        await wait_until(pilot, lambda: values(form)["url"] == "http://ha:8123")
        assert values(form)["name"] == "Home Assistant"


async def test_a_url_with_spaces_or_emoji_is_refused_with_a_clear_message(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await board_shown(app, pilot)
        burst(app, "a", *"NAS", "tab", *"http://nas local", "ctrl+s")
        await wait_until(pilot, lambda: form_ready(app))
        form = app.screen
        await wait_until(pilot, lambda: form.field_error("url") == "must not contain spaces")
        url = form.query_one("#app-url", Input)
        await wait_until(pilot, lambda: app.focused is url)
        url.value = "http://🦄.lan"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "emoji" in form.field_error("url"))
        assert "🦄" in form.field_error("url")
        assert isinstance(app.screen, AppForm)  # nothing saved
