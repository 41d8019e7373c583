"""List rows re-layout on resize and never sit under the scrollbar (issue 10, 80x24)."""

from __future__ import annotations

from integrations.models import ListData, ListRow
from tests.widgets.test_widgets_app import Host
from widgets.item_list import ItemList


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
