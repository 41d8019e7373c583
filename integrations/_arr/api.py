"""Shapes of the *arr API answers we read (Sonarr v3/v4, Radarr v3, Lidarr/Readarr/Prowlarr v1).

Models ignore fields they do not name, so newer versions that add fields keep working, and
require the ones we use, so another service (or a login page) is reported as a wrong answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SystemStatus(_Model):
    """``GET /api/vN/system/status``."""

    appName: str = ""
    instanceName: str = ""
    version: str


class Page(_Model):
    """A paged answer (``wanted/missing``, ``queue``)."""

    totalRecords: int
    records: list[dict[str, Any]] = []


class QueueStatus(_Model):
    """``GET /api/vN/queue/status``: counts and whether any item has warnings or errors."""

    totalCount: int
    count: int = 0
    errors: bool = False
    warnings: bool = False


class StatusMessage(_Model):
    title: str = ""
    messages: list[str] = []


class QueueRecord(_Model):
    """One download in ``GET /api/vN/queue`` (with the media it belongs to when included)."""

    id: int | None = None
    title: str = ""
    size: float = 0.0
    sizeleft: float = 0.0
    timeleft: str | None = None
    estimatedCompletionTime: datetime | None = None
    status: str = ""
    trackedDownloadStatus: str | None = None
    trackedDownloadState: str | None = None
    errorMessage: str | None = None
    statusMessages: list[StatusMessage] = []
    # the media item, present with include* query flags (which one depends on the service)
    series: dict[str, Any] | None = None
    episode: dict[str, Any] | None = None
    movie: dict[str, Any] | None = None
    artist: dict[str, Any] | None = None
    album: dict[str, Any] | None = None
    author: dict[str, Any] | None = None
    book: dict[str, Any] | None = None


class QueuePage(_Model):
    totalRecords: int
    records: list[QueueRecord] = []


class HealthItem(_Model):
    """One entry of ``GET /api/vN/health`` (type: ok, notice, warning, error)."""

    source: str = ""
    type: str
    message: str
    wikiUrl: str | None = None


class Indexer(_Model):
    """One indexer in Prowlarr's ``GET /api/v1/indexer``."""

    id: int
    name: str
    enable: bool = True
    protocol: str = ""
    priority: int | None = None


class IndexerStat(_Model):
    """Per-indexer counters in Prowlarr's ``GET /api/v1/indexerstats``."""

    indexerId: int
    indexerName: str = ""
    averageResponseTime: float = 0.0
    numberOfQueries: int = 0
    numberOfGrabs: int = 0
    numberOfFailedQueries: int = 0
    numberOfFailedGrabs: int = 0


class IndexerStats(_Model):
    indexers: list[IndexerStat]


class IndexerStatus(_Model):
    """A failing indexer in Prowlarr's ``GET /api/v1/indexerstatus``."""

    indexerId: int
    disabledTill: datetime | None = None
    mostRecentFailure: datetime | None = None
