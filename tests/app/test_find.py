"""Find anything by typing: ``/`` from a board filters apps; the palette finds apps and boards."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from launcher_tui.screens.app_detail import AppDetail
from launcher_tui.screens.app_form import AppForm
from tests.app.conftest import wait_until


def palette_prompts(app) -> list[str]:
    return [str(o.prompt) for o in app.screen.query_one(CommandList).options]


async def open_palette(app, pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*query)
    await wait_until(pilot, lambda: any(query.lower() in p.lower() for p in palette_prompts(app)))


async def test_slash_on_a_board_filters_the_apps(make_app, frozen, services):
    services.first_run()
    services.apps.add({"name": "Router", "url": "http://192.168.1.1"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        await pilot.press("slash", *"rou")
        flt = app.launcher.query_one("#filter", Input)
        await wait_until(pilot, lambda: flt.value == "rou")
        assert app.focused is flt
        assert app.launcher.selected is None or app.launcher.selected.name == "Router"


async def test_palette_finds_an_app_and_shows_its_link(make_app, frozen, services):
    services.first_run()
    services.apps.add({"name": "Router", "url": "http://192.168.1.1"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        await open_palette(app, pilot, "Router")
        assert any("App: Router" in p for p in palette_prompts(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AppDetail))
        assert app.screen.record.name == "Router"


async def test_palette_runs_form_commands_and_lists_boards(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        await open_palette(app, pilot, "Switch to board")
        assert any("Home" in p for p in palette_prompts(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))
        await open_palette(app, pilot, "Add app")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AppForm))
