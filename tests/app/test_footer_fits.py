"""The footer at 80x24 (issue 10): in the launcher it cut ``? Help`` and ``q Quit`` and the
palette hint covered ``l Apps``. Every key the footer lists is drawn whole, ``?`` (help,
which lists every key) is always among them, and the launcher's own keys are in help."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from launcher_tui.app import LauncherApp
from launcher_tui.commands import LAUNCHER_KEYS
from launcher_tui.screens.launcher import AppList, LauncherView
from tests.app.conftest import wait_until


def footer_keys(app: LauncherApp) -> list[FooterKey]:
    return list(app.screen.query_one(Footer).query(FooterKey))


def laid_out(app: LauncherApp, key: str) -> bool:
    """The footer shows ``key`` and every key has its place on screen."""
    keys = footer_keys(app)
    return any(k.key_display == key for k in keys) and all(k.region.width > 0 for k in keys)


def drawn_whole(app: LauncherApp) -> list[str]:
    """The footer keys that nothing covers or cuts (problems as text for the message)."""
    footer = app.screen.query_one(Footer)
    keys = footer_keys(app)
    palette = [k for k in keys if k.has_class("-command-palette")]
    problems = []
    for key in keys:
        if key in palette:
            continue
        if key.region.right > footer.region.right:
            problems.append(f"{key.key_display} {key.description} is cut")
        if any(key.region.overlaps(p.region) for p in palette):
            problems.append(f"{key.key_display} {key.description} is under the palette hint")
    return problems


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_footer_key_is_drawn_whole_on_the_board_and_in_the_launcher(
    make_app, frozen, size
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        await wait_until(pilot, lambda: laid_out(app, "?"))
        assert drawn_whole(app) == []
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.focused, AppList))
        await wait_until(pilot, lambda: laid_out(app, "/"))
        assert any(k.key_display == "?" for k in footer_keys(app))
        assert drawn_whole(app) == []


def test_the_launcher_keys_are_in_help():
    listed = {keys for keys, _ in LAUNCHER_KEYS}
    for binding in LauncherView.BINDINGS:
        display = binding.key_display or {"delete": "del", "escape": "esc"}.get(binding.key)  # type: ignore[union-attr]
        assert display in listed or binding.key in listed, binding  # type: ignore[union-attr]
