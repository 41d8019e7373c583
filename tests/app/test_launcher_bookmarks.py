"""Bookmarks in the launcher (issue 10): plain links grouped like apps, never polled;
Enter copies the link; a bookmark added from another connection shows up by itself."""

from __future__ import annotations

from launcher_tui.app import LauncherApp
from launcher_tui.services import open_services
from tests.app.conftest import wait_until
from tests.app.test_launcher import open_launcher, shown_names


async def test_bookmarks_grouped_filtered_and_copied(make_app, frozen, services, monkeypatch):
    copied: list[str] = []
    monkeypatch.setattr(LauncherApp, "copy_to_clipboard", lambda self, text: copied.append(text))
    services.first_run()
    services.bookmarks.add({"name": "GitHub", "url": "https://github.com", "group": "Dev"})
    services.bookmarks.add({"name": "Docs", "url": "https://docs.example.org", "group": "Dev"})
    services.bookmarks.add({"name": "Weather", "url": "https://wttr.in"})
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_launcher(app, pilot)
        lines = shown_names(app)
        dev = lines.index("↗ Dev")
        assert any("GitHub" in line and "https://github.com" in line for line in lines[dev:])
        assert "↗ Other" in lines and lines.index("↗ Other") > dev
        options = app.launcher.option_list
        options.highlighted = options.get_option_index(
            next(f"bookmark-{b.id}" for b in services.bookmarks.list() if b.name == "GitHub")
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: copied == ["https://github.com"])
        await pilot.press("slash", *"wttr")
        await pilot.pause()
        names = shown_names(app)
        assert any("Weather" in n for n in names) and not any("GitHub" in n for n in names)
        # another process adds one: it appears without a restart
        with open_services() as other:
            other.bookmarks.add({"name": "Wiki", "url": "https://wttr.in/wiki", "group": "Dev"})
        await wait_until(pilot, lambda: any("Wiki" in n for n in shown_names(app)))
