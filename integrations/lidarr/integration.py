"""Lidarr (music), API v1."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from integrations._arr.api import QueueRecord
from integrations._arr.base import MediaArr, local_time, media_endpoints, parse_when
from integrations.models import ListRow


def album_name(artist: dict[str, Any] | None, album: dict[str, Any] | None, fallback: str) -> str:
    title = (album or {}).get("title")
    if not title:
        return fallback
    who = (artist or {}).get("artistName") or (album or {}).get("artist", {}).get("artistName")
    return f"{who} - {title}" if who else str(title)


class Lidarr(MediaArr):
    id = "lidarr"
    name = "Lidarr"
    icon = "🎵"
    description = "Music: missing albums, download queue, upcoming releases, health."
    docs_url = "https://lidarr.audio/docs/api/"
    api_version = "v1"
    library_path = "/artist"
    library_label = "Artists"
    queue_includes = {"includeArtist": "true", "includeAlbum": "true"}
    calendar_includes = {"includeArtist": "true"}
    endpoints = media_endpoints("albums")

    def queue_title(self, record: QueueRecord) -> str:
        return album_name(record.artist, record.album, record.title)

    def calendar_entry(self, item: dict[str, Any]) -> tuple[datetime, ListRow] | None:
        when = parse_when(item.get("releaseDate"))
        if when is None:
            return None
        return when, ListRow(
            title=album_name(item.get("artist"), item, "Unknown album"),
            detail=local_time(when, with_time=False),
        )


INTEGRATION = Lidarr()
