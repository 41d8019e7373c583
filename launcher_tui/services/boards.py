"""Boards: named grids that hold widgets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import peewee

from launcher_tui.services.errors import ValidationFailed, parse_input
from launcher_tui.services.lookup import check_unique, delete_returning, find_board
from launcher_tui.services.rules import MAX_COLUMNS
from launcher_tui.store import Store
from launcher_tui.store.models import Board, Widget

if TYPE_CHECKING:
    from launcher_tui.services.schemas import BoardInput, BoardRecord, Ref


class BoardService:
    """The only way to read or change boards."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[BoardRecord]:
        """Every board in display order, with its widget count."""
        with self.store.read():
            counts = dict(
                Widget.select(Widget.board, peewee.fn.COUNT(Widget.id))
                .group_by(Widget.board)
                .tuples()
            )
            return [
                self._record(b, counts.get(b.id, 0))
                for b in Board.select().order_by(Board.sort_order, Board.name)
            ]

    def get(self, ref: Ref) -> BoardRecord:
        with self.store.read():
            board = find_board(ref)
            return self._record(board, board.widgets.count())

    def add(self, data: BoardInput | Mapping[str, Any]) -> BoardRecord:
        """Create a board (``{"name": ..., "columns": 4}``)."""
        from launcher_tui.services.schemas import BoardInput

        board = parse_input(BoardInput, data)
        with self.store.write():
            check_unique(Board, "board", board.name)
            order = board.sort_order
            if order is None:
                order = (Board.select(peewee.fn.MAX(Board.sort_order)).scalar() or 0) + 1
            row = Board.create(name=board.name, columns=board.columns, sort_order=order)
            return self._record(row, 0)

    def rename(self, ref: Ref, new_name: str) -> BoardRecord:
        from launcher_tui.services.schemas import BoardInput

        name = parse_input(BoardInput, {"name": new_name}).name
        with self.store.write():
            board = find_board(ref)
            if name != board.name:
                check_unique(Board, "board", name, exclude=board.id)
                board.name = name
                board.save()
            return self._record(board, board.widgets.count())

    def set_columns(self, ref: Ref, columns: int) -> BoardRecord:
        """Change the grid width; refused while a widget would stick out of it."""
        if not 1 <= columns <= MAX_COLUMNS:
            raise ValidationFailed({"columns": f"must be between 1 and {MAX_COLUMNS}"})
        with self.store.write():
            board = find_board(ref)
            widest = board.widgets.select(peewee.fn.MAX(Widget.x + Widget.w)).scalar() or 0
            if widest > columns:
                raise ValidationFailed(
                    {"columns": f"a widget reaches column {widest}; move or resize it first"}
                )
            board.columns = columns
            board.save()
            return self._record(board, board.widgets.count())

    def remove(self, ref: Ref) -> BoardRecord:
        """Delete a board and its widgets (the apps stay)."""
        return delete_returning(
            self.store, lambda: find_board(ref), lambda b: self._record(b, b.widgets.count())
        )

    @staticmethod
    def _record(board: Board, widget_count: int) -> BoardRecord:
        from launcher_tui.services.schemas import BoardRecord

        return BoardRecord(
            id=board.id,
            name=board.name,
            columns=board.columns,
            sort_order=board.sort_order,
            widget_count=widget_count,
        )
