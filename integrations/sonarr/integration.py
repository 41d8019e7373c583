"""Sonarr (TV series), API v3 — also what Sonarr v4 serves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from integrations._arr.api import QueueRecord
from integrations._arr.base import MediaArr, local_time, media_endpoints, parse_when
from integrations.models import ListRow


def episode_code(episode: dict[str, Any] | None) -> str:
    """``S01E02`` for an episode resource ('' when unknown)."""
    if not episode or episode.get("seasonNumber") is None or episode.get("episodeNumber") is None:
        return ""
    return f"S{int(episode['seasonNumber']):02d}E{int(episode['episodeNumber']):02d}"


class Sonarr(MediaArr):
    id = "sonarr"
    name = "Sonarr"
    icon = "📺"
    description = "TV series: missing episodes, download queue, upcoming episodes, health."
    docs_url = "https://sonarr.tv/docs/api/"
    api_version = "v3"
    library_path = "/series"
    library_label = "Series"
    queue_includes = {"includeSeries": "true", "includeEpisode": "true"}
    calendar_includes = {"includeSeries": "true"}
    endpoints = media_endpoints("episodes")

    def queue_title(self, record: QueueRecord) -> str:
        series = (record.series or {}).get("title")
        if not series:
            return record.title
        code = episode_code(record.episode)
        return f"{series} {code}".strip()

    def calendar_entry(self, item: dict[str, Any]) -> tuple[datetime, ListRow] | None:
        when = parse_when(item.get("airDateUtc")) or parse_when(item.get("airDate"))
        if when is None:
            return None
        series = (item.get("series") or {}).get("title") or "Unknown series"
        title = item.get("title") or ""
        return when, ListRow(
            title=f"{series} {episode_code(item)}".strip(),
            detail=" · ".join(p for p in (title, local_time(when)) if p),
            status="downloaded" if item.get("hasFile") else "",
        )


INTEGRATION = Sonarr()
