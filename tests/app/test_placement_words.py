"""Refused moves and resizes are explained in words that name the card in the way."""

from __future__ import annotations

from launcher_tui.services.schemas import WidgetRecord
from launcher_tui.services.widgets import Box, placement_refusal


def card(wid: int, x: int, y: int, w: int = 1, h: int = 1, title: str = "") -> WidgetRecord:
    return WidgetRecord(
        id=wid, board_id=1, board="Home", app_id=1, app="This machine", endpoint=title or "cpu",
        kind="stat", x=x, y=y, w=w, h=h, refresh_interval=None, effective_refresh=5,
        options={}, title=title or None,
    )  # fmt: skip


def name(record: WidgetRecord) -> str:
    return record.title or record.endpoint


def test_refusals_name_the_card_in_the_way_or_the_edge():
    me, load = card(1, 0, 0), card(2, 1, 0, title="Load chart")
    others = [me, load]
    assert placement_refusal(me, Box(1, 0, 1, 1), others, 4, name) == (
        "no room to the right: 'Load chart' is there"
    )
    assert placement_refusal(me, Box(0, 0, 2, 1), others, 4, name) == (
        "no room to the right: 'Load chart' is there"
    )  # widening into it reads the same
    assert placement_refusal(me, Box(-1, 0, 1, 1), others, 4, name) == (
        "no room to the left: the board has 4 columns"
    )
    assert placement_refusal(me, Box(0, -1, 1, 1), others, 4, name) == (
        "no room above: that is the top of the board"
    )
    assert placement_refusal(me, Box(0, 0, 0, 1), others, 4, name).startswith(
        "the card is as small"
    )
    below = card(3, 0, 1, title="Disks")
    assert placement_refusal(me, Box(0, 0, 1, 2), [*others, below], 4, name) == (
        "no room below: 'Disks' is there"
    )
