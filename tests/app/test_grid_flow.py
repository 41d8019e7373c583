"""The grid reflows with the terminal (issue 10, 80x24): fewer columns on narrow terminals,
more on wide ones; a board's column count is editable from the keyboard (``C``)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from launcher_tui.app import LauncherApp
from launcher_tui.screens.grid_flow import GridBox, effective_columns, reflow
from tests.app.conftest import wait_until

boxes = st.lists(
    st.builds(
        GridBox,
        x=st.integers(0, 11),
        y=st.integers(0, 20),
        w=st.integers(1, 12),
        h=st.integers(1, 4),
    ),
    max_size=25,
)


@given(boxes, st.integers(1, 12))
def test_reflow_places_every_card_inside_without_overlap(items, columns):
    placed = reflow(enumerate(items), columns)
    assert set(placed) == set(range(len(items)))
    cells = set()
    for ident, box in placed.items():
        assert box.x >= 0 and box.x + box.w <= columns
        assert box.h == max(1, items[ident].h) and box.w == min(items[ident].w, columns)
        mine = {(box.x + i, box.y + j) for i in range(box.w) for j in range(box.h)}
        assert not mine & cells
        cells |= mine


@given(st.integers(0, 500), st.integers(1, 12))
def test_effective_columns_keeps_columns_readable(width, columns):
    shown = effective_columns(width, columns)
    assert shown >= 1
    if width and shown < columns:
        assert width // shown >= 19 or shown == 1
    if shown > columns:
        assert width // shown >= 48


def overlapping(app: LauncherApp) -> list[tuple[str, str]]:
    board = app.current_board
    assert board is not None
    return [
        (str(a.border_title), str(b.border_title))
        for a, b in itertools.combinations(board.cards, 2)
        if a.region.overlaps(b.region)
    ]


@pytest.mark.parametrize(("size", "fewer"), [((50, 24), True), ((240, 40), False)])
async def test_board_reflows_to_the_terminal_width(make_app, frozen, size, fewer):
    app: LauncherApp = make_app()
    async with app.run_test(size=size) as pilot:
        board = app.current_board
        assert board is not None
        await wait_until(pilot, lambda: len(board.cards) > 1 and board.cards[0].region.width)
        await pilot.pause()
        if fewer:
            assert board.shown_columns < board.columns
            assert all(c.region.width >= 19 for c in board.cards)
        else:
            assert board.shown_columns > board.columns
        assert overlapping(app) == []
        assert all(c.region.right <= board.region.right for c in board.cards)


async def test_columns_are_editable_from_the_keyboard(make_app, frozen, services):
    app: LauncherApp = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        board = app.current_board
        assert board is not None
        await wait_until(pilot, lambda: bool(board.cards))
        await pilot.press("C")
        await wait_until(pilot, lambda: app.screen.query("#prompt-input"))
        app.screen.query_one("#prompt-input").value = ""
        await pilot.press(*"6", "enter")
        await wait_until(pilot, lambda: board.columns == 6)
        assert services.boards.get(board.board_id).columns == 6
        assert board.shown_columns == 6
