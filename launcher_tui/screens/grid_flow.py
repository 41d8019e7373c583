"""Reflowing a board's grid to the terminal's width, as Homepage does on a phone.

A board is stored with its own column count and card boxes. On a terminal too narrow for that
many readable columns the cards are packed, in reading order, into fewer columns (each card as
wide as it was, at most the whole row); on a very wide one into more. When the width suits the
stored count, the stored layout is used as is. Pure functions, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

MIN_COLUMN_CELLS = 19
"""Below this many cells a column is too narrow to read a gauge or a stat: use fewer."""
WIDE_COLUMN_CELLS = 48
"""Above this many cells per column, a wide terminal gets more columns."""


class GridBox(NamedTuple):
    x: int
    y: int
    w: int
    h: int


def effective_columns(width: int, columns: int) -> int:
    """How many columns to draw ``columns`` stored ones in ``width`` cells."""
    if width <= 0:
        return columns
    if width < columns * MIN_COLUMN_CELLS:
        return max(1, width // MIN_COLUMN_CELLS)
    if width > columns * WIDE_COLUMN_CELLS:
        return width // WIDE_COLUMN_CELLS
    return columns


def reflow(boxes: Iterable[tuple[int, GridBox]], columns: int) -> dict[int, GridBox]:
    """Pack ``(id, box)`` pairs in reading order (row, then column) into ``columns``.

    Each card goes to the first free place scanning rows top-down, left to right; its width
    is capped at ``columns``; heights are kept.
    """
    taken: set[tuple[int, int]] = set()
    placed: dict[int, GridBox] = {}
    for ident, box in sorted(boxes, key=lambda item: (item[1].y, item[1].x, item[0])):
        w = max(1, min(box.w, columns))
        h = max(1, box.h)
        y = 0
        while True:
            x = next(
                (
                    x
                    for x in range(columns - w + 1)
                    if all((x + i, y + j) not in taken for i in range(w) for j in range(h))
                ),
                None,
            )
            if x is not None:
                break
            y += 1
        taken.update((x + i, y + j) for i in range(w) for j in range(h))
        placed[ident] = GridBox(x, y, w, h)
    return placed
