"""The theme chosen with ``T`` is marked in the picker and comes back after a restart."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from launcher_tui.app import LauncherApp
from tests.app.conftest import wait_until
from tests.app.demo import frozen_clock


def palette_labels(app) -> list[str]:
    options = app.screen.query_one(CommandList).options
    return [str(option.prompt) for option in options]


async def test_theme_is_marked_and_remembered(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        start = app.theme
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await wait_until(pilot, lambda: len(palette_labels(app)) > 3)
        labels = palette_labels(app)
        assert labels[0].strip() == f"✓ {start} (current)"
        assert sum("(current)" in label for label in labels) == 1
        await pilot.press(*"nord")
        await wait_until(pilot, lambda: any("nord" in label for label in palette_labels(app)))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "nord")
        assert services.settings.get("theme") == "nord"

    again = LauncherApp(services, clock=frozen_clock)  # a restart on the same store
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: again.theme == "nord")
        await wait_until(pilot, lambda: again.focused_card is not None)
        await pilot.press("T")
        await wait_until(pilot, lambda: isinstance(again.screen, CommandPalette))
        await wait_until(pilot, lambda: len(palette_labels(again)) > 3)
        assert palette_labels(again)[0].strip() == "✓ nord (current)"
