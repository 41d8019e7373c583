"""Card titles at 80x24 (issue 10): with a second app, titles lead with what differs (the
endpoint), not four cards reading "This machine …"; a widget's own title is shown."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from launcher_tui.app import LauncherApp
from launcher_tui.screens.board import Card
from launcher_tui.screens.card_titles import fit_title
from launcher_tui.store.models import Widget
from tests.app.conftest import wait_until


def titles(app: LauncherApp) -> list[str]:
    board = app.current_board
    assert board is not None
    return [str(c.border_title) for c in board.cards if isinstance(c, Card)]


async def test_mixed_board_titles_lead_with_the_endpoint_and_own_titles_show(
    make_app, frozen, services
):
    services.first_run()
    services.apps.add({"name": "NAS", "url": "http://127.0.0.1:9", "integration": "http"})
    services.widgets.add({"board": "Home", "app": "NAS", "endpoint": "status", "w": 1})
    cpu = next(w for w in services.widgets.list("Home") if w.endpoint == "cpu")
    with services.store.write():
        Widget.update(title="Server load").where(Widget.id == cpu.id).execute()
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(titles(app)) >= 2)
        shown = titles(app)
        assert "Server load" in shown  # the widget's own title, as is
        others = [t for t in shown if t != "Server load"]
        assert not any(t.startswith("This machine") for t in others), shown
        assert any(t.endswith("· This machine") for t in others), shown
        assert any(t.endswith("· NAS") for t in others), shown


def plain_titles(app: LauncherApp) -> dict[str, tuple[str, int]]:
    """Endpoint name → (title as drawn, without markup; the card's width)."""
    board = app.current_board
    assert board is not None
    return {
        c.endpoint.name: (Content.from_markup(str(c.border_title)).plain, c.outer_size.width)
        for c in board.cards
        if isinstance(c, Card) and c.outer_size.width > 0
    }


def fits(title: str, width: int) -> bool:
    """Whether the title is drawn whole (Textual cuts what passes ``width - 6``)."""
    return cell_len(title) <= width - 6


def readable(shown: dict[str, tuple[str, int]]) -> bool:
    """Every title leads with its endpoint and is drawn whole or is the endpoint alone."""
    for endpoint, (title, width) in shown.items():
        bare = title.removeprefix("● ")
        if not bare.startswith(endpoint) or not (fits(title, width) or bare == endpoint):
            return False
    return True


async def settle(pilot, read, ok):
    """Wait until ``ok(read())`` (cards retitle on their own resize): the last value seen is
    in the failure."""
    seen: list[object] = []

    def check() -> bool:
        seen[:] = [read()]
        return bool(ok(seen[0]))

    try:
        await wait_until(pilot, check)
    except AssertionError:
        raise AssertionError(f"titles never settled: {seen}") from None
    return seen[0]


async def test_narrow_cards_drop_the_app_name_before_cutting_the_endpoint(
    make_app, frozen, services
):
    """80x24 with a second app: "CPU · This ma…" read badly; the title that does not fit
    whole is the endpoint's name alone, and it comes back whole on a wide terminal."""
    services.first_run()
    services.apps.add({"name": "NAS", "url": "http://127.0.0.1:9", "integration": "http"})
    services.widgets.add({"board": "Home", "app": "NAS", "endpoint": "status", "w": 1})
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await settle(
            pilot,
            lambda: plain_titles(app),
            lambda s: "CPU" in s and "Status" in s and s["CPU"][0] == "CPU" and readable(s),
        )
        assert shown["CPU"][1] <= 30  # a narrow card at 80x24 names the data alone
        await pilot.resize_terminal(160, 48)
        await settle(
            pilot,
            lambda: plain_titles(app),
            lambda s: s["CPU"][0] == "CPU · This machine" and readable(s),
        )


async def test_two_apps_with_the_same_endpoint_keep_a_short_app_name(make_app, frozen, services):
    """When the endpoint's name alone would read the same on two cards, the app part is
    shortened, not dropped: the cards stay told apart."""
    services.first_run()
    for name in ("NAS", "Router box"):
        services.apps.add({"name": name, "url": "http://127.0.0.1:9", "integration": "http"})
        services.widgets.add({"board": "Home", "app": name, "endpoint": "status", "w": 1})
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.current_board

        def status_titles() -> list[tuple[str, int]]:
            assert board is not None
            return [
                (Content.from_markup(str(c.border_title)).plain, c.outer_size.width)
                for c in board.cards
                if isinstance(c, Card) and c.endpoint.id == "status" and c.outer_size.width
            ]

        def told_apart(shown: list[tuple[str, int]]) -> bool:
            bare = [t.removeprefix("● ") for t, _ in shown]
            return (
                len(shown) == 2
                and len(set(bare)) == 2
                and all(t.startswith("Status · ") for t in bare)
                and all(fits(t, w) for t, w in shown)
            )

        shown = await settle(pilot, status_titles, told_apart)
        assert all(w <= 30 for _, w in shown)  # narrow cards: the app part had to shrink


@given(
    endpoint=st.text(min_size=1, max_size=30),
    app_name=st.text(max_size=30),
    room=st.one_of(st.none(), st.integers(min_value=1, max_value=80)),
    keep_app=st.booleans(),
)
def test_fit_title_leads_with_the_endpoint_and_fits_when_it_can(
    endpoint: str, app_name: str, room: int | None, keep_app: bool
):
    title = fit_title(endpoint, app_name, room, keep_app=keep_app)
    assert title.startswith(endpoint)  # the endpoint is never cut here, only the app part
    whole = f"{endpoint} · {app_name}" if app_name else endpoint
    if room is None or cell_len(whole) <= room:
        assert title == whole
    elif title != endpoint:
        assert cell_len(title) <= room and title.endswith("…") and keep_app
