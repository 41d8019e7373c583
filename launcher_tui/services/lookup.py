"""Finding rows by name or id, with a :class:`NotFound` that lists what exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from launcher_tui.services.errors import AlreadyExists, NotFound
from launcher_tui.store.models import App, Board, Widget

if TYPE_CHECKING:
    from peewee import Model

    from launcher_tui.store import Store

Named = TypeVar("Named", App, Board)
Row = TypeVar("Row", bound="Model")
Rec = TypeVar("Rec")


def find_named(model: type[Named], what: str, ref: int | str) -> Named:
    """An app or board by id (int) or name (case-insensitive; digits fall back to the id)."""
    row = None
    if isinstance(ref, int):
        row = model.get_or_none(model.id == ref)
    else:
        text = ref.strip()
        row = model.get_or_none(model.name == text)
        if row is None and text.isdigit():
            row = model.get_or_none(model.id == int(text))
    if row is None:
        names = [r.name for r in model.select(model.name).order_by(model.sort_order, model.name)]
        raise NotFound(what, ref, available=names)
    return row


def find_app(ref: int | str) -> App:
    return find_named(App, "app", ref)


def find_board(ref: int | str) -> Board:
    return find_named(Board, "board", ref)


def find_widget(widget_id: int) -> Widget:
    row = Widget.get_or_none(Widget.id == int(widget_id))
    if row is None:
        raise NotFound("widget", widget_id)
    return row


def check_unique(model: type[Named], what: str, name: str, exclude: int | None = None) -> None:
    """:class:`AlreadyExists` when another row has ``name`` (names compare case-insensitively)."""
    query = model.select(model.id).where(model.name == name)
    if exclude is not None:
        query = query.where(model.id != exclude)
    if query.exists():
        raise AlreadyExists(what, name)


def delete_returning(store: Store, find: Callable[[], Row], record: Callable[[Row], Rec]) -> Rec:
    """Delete the row ``find`` returns (cascading to its widgets) and return its record."""
    with store.write():
        row = find()
        out = record(row)
        row.delete_instance()
    return out
