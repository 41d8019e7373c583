"""The dashboard takes the title and theme ``import homepage`` saved (setting.title/theme)."""

from __future__ import annotations

from typing import Any

from launcher_tui.app import LauncherApp
from launcher_tui.services import Services
from tests.app.demo import frozen_clock, frozen_system


async def test_saved_title_and_theme_are_applied(services: Services) -> None:
    services.settings.set("title", "Anon's \x1b[2J lab")  # text from a file: data, not control
    services.settings.set("theme", "textual-light")
    with frozen_system():
        app = LauncherApp(services, clock=frozen_clock)
        async with app.run_test(size=(80, 24)):  # on_mount has run when the pilot is handed out
            assert app.title == "Anon's ␛[2J lab" and app.theme == "textual-light"


async def test_an_unknown_theme_is_ignored(services: Services) -> None:
    services.settings.set("theme", "slate-from-homepage")
    default: Any = LauncherApp(services, clock=frozen_clock).theme
    with frozen_system():
        app = LauncherApp(services, clock=frozen_clock)
        async with app.run_test(size=(80, 24)):
            assert app.theme == default and app.title == "launcher-tui"
