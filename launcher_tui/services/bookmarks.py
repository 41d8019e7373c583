"""Bookmarks: plain links grouped like apps but never polled (Homepage's ``bookmarks.yaml``).

A bookmark is known by its group and name together (``Dev/GitHub``): two groups may each have a
"Docs" link. :meth:`BookmarkService.get` and :meth:`remove` accept an id, ``group/name`` or a
bare name when only one bookmark carries it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

import peewee
from pydantic import BaseModel, ConfigDict, Field

from launcher_tui.services.errors import AlreadyExists, NotFound, ValidationFailed, parse_input
from launcher_tui.services.lookup import delete_returning
from launcher_tui.services.schemas import Name, Ref, Url, _Input
from launcher_tui.store import Store
from launcher_tui.store.models import Bookmark


class BookmarkInput(_Input):
    """A new bookmark (or every field of one being replaced)."""

    name: Name
    url: Annotated[Url, Field(min_length=1)]
    group: str = Field(default="", max_length=100)
    icon: str = Field(default="", max_length=100)
    description: str = Field(default="", max_length=500)
    sort_order: int | None = None  # None: after the last bookmark


class BookmarkRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    url: str
    group: str
    icon: str
    description: str
    sort_order: int
    created_at: datetime


class BookmarkService:
    """The only way to read or change bookmarks."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self, group: str | None = None) -> list[BookmarkRecord]:
        """Every bookmark (or one group's) in display order."""
        with self.store.read():
            query = Bookmark.select()
            if group is not None:
                query = query.where(Bookmark.group == group)
            order = (Bookmark.sort_order, Bookmark.group, Bookmark.name)
            return [record(row) for row in query.order_by(*order)]

    def get(self, ref: Ref) -> BookmarkRecord:
        with self.store.read():
            return record(find_bookmark(ref))

    def add(self, data: BookmarkInput | Mapping[str, Any]) -> BookmarkRecord:
        """Create a bookmark; the name must be unique within its group."""
        spec = parse_input(BookmarkInput, data)
        with self.store.write():
            _check_unique(spec.group, spec.name)
            order = spec.sort_order
            if order is None:
                order = (Bookmark.select(peewee.fn.MAX(Bookmark.sort_order)).scalar() or 0) + 1
            row = Bookmark.create(
                name=spec.name,
                url=spec.url,
                group=spec.group,
                icon=spec.icon,
                description=spec.description,
                sort_order=order,
            )
            return record(row)

    def upsert(self, data: BookmarkInput | Mapping[str, Any]) -> tuple[BookmarkRecord, bool]:
        """Create the bookmark, or update the one with the same group and name.

        Returns the record and whether it was created (imports and ``config apply`` re-run).
        """
        spec = parse_input(BookmarkInput, data)
        with self.store.write():
            row = Bookmark.get_or_none(
                (Bookmark.group == spec.group)
                & (peewee.fn.lower(Bookmark.name) == spec.name.lower())
            )
            if row is None:
                return self.add(spec), True
            row.url, row.icon, row.description = spec.url, spec.icon, spec.description
            if spec.sort_order is not None:
                row.sort_order = spec.sort_order
            row.save()
            return record(row), False

    def remove(self, ref: Ref) -> BookmarkRecord:
        return delete_returning(self.store, lambda: find_bookmark(ref), record)


def find_bookmark(ref: Ref) -> Bookmark:
    """By id, ``group/name`` or a name only one bookmark has (names compare case-insensitively)."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        row = Bookmark.get_or_none(Bookmark.id == int(ref))
        if row is not None:
            return row
    text = str(ref).strip()
    candidates = list(Bookmark.select().where(peewee.fn.lower(Bookmark.name) == text.lower()))
    if not candidates and "/" in text:
        group, _, name = text.rpartition("/")
        candidates = list(
            Bookmark.select().where(
                (Bookmark.group == group) & (peewee.fn.lower(Bookmark.name) == name.lower())
            )
        )
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        where = ", ".join(f"{c.group}/{c.name}" for c in candidates)
        raise ValidationFailed({"bookmark": f"'{text}' is in several groups ({where}): say which"})
    known = [f"{b.group}/{b.name}" if b.group else b.name for b in Bookmark.select()]
    raise NotFound("bookmark", text, available=known)


def _check_unique(group: str, name: str) -> None:
    taken = Bookmark.select(Bookmark.id).where(
        (Bookmark.group == group) & (peewee.fn.lower(Bookmark.name) == name.lower())
    )
    if taken.exists():
        raise AlreadyExists("bookmark", f"{group}/{name}" if group else name)


def record(row: Bookmark) -> BookmarkRecord:
    return BookmarkRecord(
        id=row.id,
        name=row.name,
        url=row.url,
        group=row.group,
        icon=row.icon,
        description=row.description,
        sort_order=row.sort_order,
        created_at=row.created_at,
    )
