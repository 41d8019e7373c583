"""Homepage icon names in the icon's place (issue 10): ``sonarr.png``, ``mdi-…``, ``si-…``
were drawn as text. A known one is an emoji, an unknown one nothing; typed icons stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from launcher_tui.app import LauncherApp
from launcher_tui.icons import GLYPHS, is_icon_reference, shown_icon
from tests.app.conftest import wait_until
from tests.app.test_launcher import open_launcher, shown_names


@pytest.mark.parametrize(
    ("icon", "shown"),
    [
        ("sonarr.png", "📺"),
        ("sonarr.svg", "📺"),
        ("Sonarr-dark.webp", "📺"),
        ("https://cdn.example/icons/png/radarr.png?v=3", "🎬"),
        ("mdi-server", "💻"),
        ("mdi-router-wireless-#f0d453", "📶"),
        ("si-github", "🐙"),
        ("sh-immich", "📷"),
        ("mdi-flask-#f0d453", ""),  # unknown: nothing, never the name
        ("some-made-up-service.png", ""),
        ("🍿", "🍿"),  # typed by a person: as typed
        ("TV", "TV"),
        ("", ""),
    ],
)
def test_known_icons_map_to_a_glyph_and_the_rest_to_nothing(icon: str, shown: str):
    assert shown_icon(icon) == shown


def test_every_glyph_is_one_two_cell_emoji():
    assert all(cell_len(g) == 2 and len(g) == 1 for g in GLYPHS.values()), GLYPHS


@given(st.text(max_size=40))
def test_a_reference_never_shows_as_text(icon: str):
    shown = shown_icon(icon)
    if is_icon_reference(icon):
        assert shown in set(GLYPHS.values()) | {""}
    else:
        assert shown == icon


@given(st.sampled_from(sorted(GLYPHS)), st.sampled_from(["mdi-", "si-", "sh-", ""]))
def test_every_table_name_maps_in_every_homepage_spelling(name: str, prefix: str):
    spellings = [f"{name}.png", f"{name}.svg", f"{prefix}{name}" if prefix else f"{name}.webp"]
    assert {shown_icon(s) for s in spellings} == {GLYPHS[name]}


async def test_the_launcher_draws_glyphs_not_file_names(make_app, frozen, services):
    services.first_run()
    for name, icon in [("Sonarr", "sonarr.png"), ("Lab", "mdi-flask-#f0d453"), ("Pop", "🍿")]:
        services.apps.add({"name": name, "url": "http://127.0.0.1:9", "icon": icon})
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_launcher(app, pilot)
        await wait_until(pilot, lambda: any("Sonarr" in n for n in shown_names(app)))
        sonarr = next(n for n in shown_names(app) if "Sonarr" in n)
        lab = next(n for n in shown_names(app) if "Lab" in n)
        pop = next(n for n in shown_names(app) if "Pop" in n)
        before_name = sonarr.split("Sonarr", 1)[0]  # the dot and icon columns
        assert "📺" in before_name and "sona" not in before_name.lower()
        assert "mdi" not in lab and "flask" not in lab
        assert "🍿" in pop.split("Pop", 1)[0]
