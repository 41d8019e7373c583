"""List rows re-layout on resize and never sit under the scrollbar (issue 10, 80x24)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.models import ListData, ListRow
from tests.app.demo import wait_until
from tests.security.strategies import list_data
from tests.widgets.test_widgets_app import Host
from widgets.item_list import ItemList, body_shape, line_count, render_list


def lines_of(lst: ItemList) -> list[str]:
    return lst._body.render().plain.splitlines()  # type: ignore[union-attr]


def rows(n: int) -> ListData:
    return ListData(
        rows=[
            ListRow(title=f"container-number-{i}", status="running", detail=f"id {i}")
            for i in range(n)
        ]
    )


async def test_rows_leave_room_for_the_scrollbar_and_follow_resizes() -> None:
    lst = ItemList(rows(12))
    lst.styles.width = 30
    lst.styles.height = 6
    app = Host(lst)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert lst.max_scroll_y > 0  # it scrolls: a scrollbar takes the last column
        inner = lst.scrollable_content_region.width
        assert inner == 29
        assert all(len(line) <= inner for line in lines_of(lst))
        assert len(lines_of(lst)[0]) == inner  # the status sits at the edge, not under the bar
        lst.styles.width = 50
        await pilot.pause()
        await pilot.pause()
        assert len(lines_of(lst)[0]) == lst.scrollable_content_region.width == 49


async def test_short_list_uses_the_whole_width() -> None:
    lst = ItemList(rows(2))
    lst.styles.width = 30
    lst.styles.height = 10
    app = Host(lst)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert lst.max_scroll_y == 0
        assert len(lines_of(lst)[0]) == 30
        assert "container-number-0" in lines_of(lst)[0]  # the name uses the width it has


async def test_new_rows_of_the_same_height_ask_for_no_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A refresh that keeps the line count repaints the body only; a longer list re-lays out."""
    lst = ItemList(rows(2))
    lst.styles.width = 40
    lst.styles.height = 10
    app = Host(lst)
    async with app.run_test(size=(80, 20)) as pilot:
        await wait_until(pilot, lambda: bool(lines_of(lst)))
        layouts: list[bool] = []
        refresh = lst._body.refresh

        def recorded(*regions: object, layout: bool = False, **kwargs: object) -> object:
            layouts.append(layout)
            return refresh(*regions, layout=layout, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(lst._body, "refresh", recorded)
        renamed = ListData(
            rows=[ListRow(title=f"renamed-{i}", status="paused", detail=f"id {i}") for i in (1, 2)]
        )
        lst.data = renamed
        await wait_until(pilot, lambda: "renamed-1" in "\n".join(lines_of(lst)))
        assert layouts == [False]  # same four lines: repainted in place
        lst.data = rows(3)
        await wait_until(pilot, lambda: len(lines_of(lst)) == 6)
        assert layouts == [False, True]  # two lines more: the body grows
        assert "container-number-2" in lines_of(lst)[4]


@given(
    titles=st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=6),
    status=st.text(max_size=30),
    width=st.integers(min_value=12, max_value=120),
)
def test_rows_never_wrap_so_their_height_is_known(titles: list[str], status: str, width: int):
    data = ListData(rows=[ListRow(title=t, status=status, detail=t[::-1]) for t in titles])
    content = render_list(data, width)
    assert body_shape(content, width) == len(content.plain.split("\n"))


async def test_new_rows_are_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deciding on the scrollbar used to draw every row once more just to count the lines."""
    lst = ItemList(rows(2))
    lst.styles.width = 40
    lst.styles.height = 6
    app = Host(lst)
    async with app.run_test(size=(80, 20)) as pilot:
        await wait_until(pilot, lambda: bool(lines_of(lst)))
        drawn: list[int] = []

        def counted(data: ListData | None, width: int) -> object:
            drawn.append(width)
            return render_list(data, width)

        monkeypatch.setattr("widgets.item_list.render_list", counted)
        lst.data = rows(5)  # ten lines in six: it scrolls, rows leave the scrollbar's column
        await wait_until(pilot, lambda: len(lines_of(lst)) == 10)
        assert drawn == [39]


@given(data=list_data, width=st.integers(min_value=1, max_value=200))
def test_line_count_is_what_render_list_draws(data: ListData, width: int):
    """The scrollbar decision counts lines without drawing them; the count must be exact."""
    assert line_count(data) == len(render_list(data, width).plain.split("\n"))
