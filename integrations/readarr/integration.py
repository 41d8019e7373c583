"""Readarr (books), API v1."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from integrations._arr.api import QueueRecord
from integrations._arr.base import MediaArr, local_time, media_endpoints, parse_when
from integrations.models import ListRow


def book_name(author: dict[str, Any] | None, book: dict[str, Any] | None, fallback: str) -> str:
    title = (book or {}).get("title")
    if not title:
        return fallback
    who = (author or {}).get("authorName") or (book or {}).get("author", {}).get("authorName")
    return f"{who} - {title}" if who else str(title)


class Readarr(MediaArr):
    id = "readarr"
    name = "Readarr"
    icon = "📚"
    description = "Books: missing books, download queue, upcoming releases, health."
    docs_url = "https://readarr.com/docs/api/"
    api_version = "v1"
    library_path = "/author"
    library_label = "Authors"
    queue_includes = {"includeAuthor": "true", "includeBook": "true"}
    calendar_includes = {"includeAuthor": "true"}
    endpoints = media_endpoints("books")

    def queue_title(self, record: QueueRecord) -> str:
        return book_name(record.author, record.book, record.title)

    def calendar_entry(self, item: dict[str, Any]) -> tuple[datetime, ListRow] | None:
        when = parse_when(item.get("releaseDate"))
        if when is None:
            return None
        return when, ListRow(
            title=book_name(item.get("author"), item, "Unknown book"),
            detail=local_time(when, with_time=False),
        )


INTEGRATION = Readarr()
