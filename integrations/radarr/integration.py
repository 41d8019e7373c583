"""Radarr (movies), API v3."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from integrations._arr.api import QueueRecord
from integrations._arr.base import MediaArr, local_time, media_endpoints, parse_when
from integrations.models import ListRow

#: Release kinds a movie may have, in the order they usually happen.
RELEASES = (
    ("inCinemas", "In cinemas"),
    ("digitalRelease", "Digital"),
    ("physicalRelease", "Physical"),
)


def movie_name(movie: dict[str, Any] | None, fallback: str = "") -> str:
    if not movie or not movie.get("title"):
        return fallback
    year = movie.get("year")
    return f"{movie['title']} ({year})" if year else str(movie["title"])


class Radarr(MediaArr):
    id = "radarr"
    name = "Radarr"
    icon = "🎬"
    description = "Movies: missing movies, download queue, upcoming releases, health."
    docs_url = "https://radarr.video/docs/api/"
    api_version = "v3"
    library_path = "/movie"
    library_label = "Movies"
    queue_includes = {"includeMovie": "true"}
    endpoints = media_endpoints("releases")

    def queue_title(self, record: QueueRecord) -> str:
        return movie_name(record.movie, record.title)

    def calendar_entry(self, item: dict[str, Any]) -> tuple[datetime, ListRow] | None:
        # the calendar lists a movie when any of its release dates falls in the window: show
        # the earliest one still to come, else the latest one
        dated = [
            (when, label)
            for field, label in RELEASES
            if (when := parse_when(item.get(field))) is not None
        ]
        if not dated:
            return None
        upcoming = [d for d in dated if d[0] >= datetime.now(dated[0][0].tzinfo)]
        when, label = min(upcoming) if upcoming else max(dated)
        return when, ListRow(
            title=movie_name(item, "Unknown movie"),
            detail=f"{label} · {local_time(when, with_time=False)}",
            status="downloaded" if item.get("hasFile") else "",
        )


INTEGRATION = Radarr()
