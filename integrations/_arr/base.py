"""Base classes of the *arr family: API-key client, connection test, health alerts, and the
media managers' counts / queue / calendar endpoints.

A service subclass only states what differs: API version, the library path and its label, the
``include*`` flags that attach media to queue and calendar items, and how to title an item.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, Field, RootModel, SecretStr

from integrations._arr.api import (
    HealthItem,
    Page,
    QueuePage,
    QueueRecord,
    QueueStatus,
    SystemStatus,
)
from integrations.base import (
    Context,
    Endpoint,
    EndpointOptions,
    HttpConfig,
    Integration,
    parse_model,
)
from integrations.client import HttpClient
from integrations.concurrency import all_of
from integrations.errors import BadResponseError, ConfigError
from integrations.format import format_eta
from integrations.homepage import HomepageMapping
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    ListData,
    ListRow,
    ProgressData,
    ProgressItem,
    RendererKind,
    Severity,
    Stat,
    StatData,
)

M = TypeVar("M", bound=BaseModel)

#: The whole library is one request (no count endpoint exists): refresh it rarely.
LIBRARY_TTL = 600.0
#: Library listings of big collections are large; allow more than the default cap for them.
LIBRARY_MAX_BYTES = 64 * 1024 * 1024
QUEUE_PAGE_SIZE = 50


class ArrConfig(HttpConfig):
    """All *arr apps authenticate with the API key from Settings → General."""

    api_key: SecretStr = Field(
        title="API key",
        description="Settings → General → Security → API Key in the web UI.",
    )


class CalendarOptions(EndpointOptions):
    days: int = Field(7, ge=1, le=90, title="Days ahead", description="How far ahead to look.")


_HEALTH_LEVELS = {
    "error": Severity.CRITICAL,
    "warning": Severity.WARNING,
    "notice": Severity.INFO,
}


def health_alerts(items: list[HealthItem]) -> list[Alert]:
    """The service's own health checks as alerts (``ok`` entries dropped), keyed by source."""
    alerts: list[Alert] = []
    seen: set[str] = set()
    for item in items:
        severity = _HEALTH_LEVELS.get(item.type.lower())
        if severity is None:
            continue
        key = f"health:{item.source or 'general'}"
        while key in seen:
            key += "+"
        seen.add(key)
        alerts.append(Alert(severity=severity, message=item.message, key=key))  # type: ignore[arg-type]
    return alerts


_TIMESPAN = re.compile(r"^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})(?:\.\d+)?$")


def parse_timespan(value: str | None) -> float | None:
    """.NET ``TimeSpan`` text (``"1.02:03:04"``, ``"00:04:12"``) → seconds; ``None`` if absent."""
    if not value:
        return None
    match = _TIMESPAN.match(value.strip())
    if match is None:
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return float(((days * 24 + hours) * 60 + minutes) * 60 + seconds)


def record_eta(record: QueueRecord, now: datetime | None = None) -> float | None:
    """Seconds left: the service's ``timeleft``, else from ``estimatedCompletionTime``."""
    eta = parse_timespan(record.timeleft)
    if eta is None and record.estimatedCompletionTime is not None:
        moment = record.estimatedCompletionTime
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        eta = max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())
    return eta


def record_percent(record: QueueRecord) -> float:
    if record.size <= 0:
        return 0.0
    return round(min(100.0, max(0.0, 100.0 * (record.size - record.sizeleft) / record.size)), 1)


def record_level(record: QueueRecord) -> Severity:
    status = (record.trackedDownloadStatus or "").lower()
    if status == "error" or record.status.lower() == "failed":
        return Severity.CRITICAL
    if status == "warning" or record.status.lower() == "warning":
        return Severity.WARNING
    return Severity.OK


def record_problem(record: QueueRecord) -> str:
    """The first status message or error a queue item carries ('' when none)."""
    if record.errorMessage:
        return record.errorMessage
    for message in record.statusMessages:
        if message.messages:
            return message.messages[0]
        if message.title:
            return message.title
    return ""


class ArrBase(Integration):
    """What every *arr shares: the API-key client, ``system/status`` and ``health``."""

    api_version: ClassVar[str] = "v3"
    category = "Media"
    config_model = ArrConfig

    @property
    def api(self) -> str:
        return f"/api/{self.api_version}"

    def client(self, ctx: Context, *, large: bool = False) -> HttpClient:
        """The app's client with the API key header (kept per app; one larger-capped one)."""
        key = ctx.secret("api_key")
        if not key:
            raise ConfigError(f"{self.name}: the API key is missing", integration=self.id)
        name = "arr_library_http" if large else "arr_http"
        extra: dict[str, Any] = {"max_bytes": LIBRARY_MAX_BYTES} if large else {}
        return ctx.memo(
            name, lambda: ctx.make_http(ctx.base_url, headers={"X-Api-Key": key}, **extra)
        )

    async def get(
        self,
        ctx: Context,
        path: str,
        model: type[M] | Any,
        *,
        what: str,
        params: dict[str, Any] | None = None,
        large: bool = False,
    ) -> Any:
        """GET ``{api}{path}`` and validate it (``model`` may be a list type, e.g. ``list[X]``)."""
        data = await self.client(ctx, large=large).get_json(
            f"{self.api}{path}", params=params, what=what
        )
        if isinstance(model, type) and issubclass(model, BaseModel):
            return parse_model(model, data, integration=self.id, what=what)
        return parse_model(_list_model(model), data, integration=self.id, what=what).root

    async def test_connection(self, ctx: Context) -> str:
        status: SystemStatus = await self.get(
            ctx, "/system/status", SystemStatus, what="the system status"
        )
        if status.appName and status.appName.lower() != self.name.lower():
            raise BadResponseError(
                f"{self.name}: this URL is {status.appName} {status.version}, not {self.name}",
                hint=f"Point the app at {self.name}, or change its integration to {status.appName}.",
                integration=self.id,
            )
        return f"{status.appName or self.name} {status.version}"

    async def fetch_health(self, ctx: Context, options: None) -> FetchResult:
        items: list[HealthItem] = await self.get(
            ctx, "/health", list[HealthItem], what="the health checks"
        )
        alerts = health_alerts(items)
        return FetchResult(
            data=AlertData(alerts=alerts, ok_text=f"{self.name} reports no problems"),
            alerts=alerts,
        )


def _list_model(annotation: Any) -> type[BaseModel]:
    """A root model around ``list[X]`` so ``parse_model`` can validate bare JSON arrays."""
    return RootModel[annotation]  # type: ignore[return-value,valid-type]


def media_endpoints(items: str) -> tuple[Endpoint, ...]:
    """The endpoints of a media manager; ``items`` names what its calendar lists."""
    return (
        Endpoint(
            "counts",
            "Wanted / queued / library",
            RendererKind.STAT,
            ttl=60,
            refresh=60,
            description=f"Missing {items}, downloads in the queue and the library size.",
        ),
        Endpoint("queue", "Queue", RendererKind.LIST, ttl=10, refresh=10),
        Endpoint("queue_progress", "Downloads", RendererKind.PROGRESS, ttl=10, refresh=10),
        Endpoint(
            "calendar",
            "Upcoming",
            RendererKind.LIST,
            ttl=300,
            refresh=300,
            description=f"Upcoming {items}.",
            options_model=CalendarOptions,
        ),
        Endpoint("health", "Health", RendererKind.ALERT, ttl=60, refresh=60),
    )


class MediaArr(ArrBase):
    """Sonarr, Radarr, Lidarr, Readarr: counts, queue, downloads, calendar and health."""

    homepage = HomepageMapping(endpoints=("counts",), flag_endpoints={"enableQueue": ("queue",)})

    #: Path of the whole library (``/series``, ``/movie``…) and what to call it.
    library_path: ClassVar[str] = "/series"
    library_label: ClassVar[str] = "Series"
    #: Query flags that attach the media item to queue records and calendar entries.
    queue_includes: ClassVar[dict[str, str]] = {}
    calendar_includes: ClassVar[dict[str, str]] = {}

    # -- what subclasses describe ---------------------------------------------------------------

    def queue_title(self, record: QueueRecord) -> str:
        """How a person names a download (series + episode, movie + year…)."""
        return record.title

    def calendar_entry(self, item: dict[str, Any]) -> tuple[datetime, ListRow] | None:
        """When a calendar item happens and its row (``None`` to skip it)."""
        raise NotImplementedError

    # -- endpoints ------------------------------------------------------------------------------

    async def fetch_counts(self, ctx: Context, options: None) -> StatData:
        # three independent requests: one round trip instead of three (issue #11)
        missing, queue, library = await all_of(
            self.get(
                ctx,
                "/wanted/missing",
                Page,
                what="the wanted list",
                params={"pageSize": 1, "monitored": "true"},
            ),
            self.get(ctx, "/queue/status", QueueStatus, what="the queue status"),
            self.library_size(ctx),
        )
        queue_level = (
            Severity.CRITICAL
            if queue.errors
            else Severity.WARNING
            if queue.warnings
            else Severity.OK
        )
        return StatData(
            stats=[
                Stat(label="Wanted", value=missing.totalRecords),
                Stat(label="Queued", value=queue.totalCount, level=queue_level),
                Stat(label=self.library_label, value=library),
            ]
        )

    async def library_size(self, ctx: Context) -> int:
        """Items in the library; the full listing is fetched at most every ``LIBRARY_TTL``."""
        cached: tuple[float, int] | None = ctx.state.get("arr_library_size")
        if cached is not None and time.monotonic() - cached[0] < LIBRARY_TTL:
            return cached[1]
        items: list[dict[str, Any]] = await self.get(
            ctx, self.library_path, list[dict[str, Any]], what="the library", large=True
        )
        ctx.state["arr_library_size"] = (time.monotonic(), len(items))
        return len(items)

    async def queue_records(self, ctx: Context) -> QueuePage:
        return await self.get(
            ctx,
            "/queue",
            QueuePage,
            what="the queue",
            params={
                "page": 1,
                "pageSize": QUEUE_PAGE_SIZE,
                "sortKey": "timeleft",
                "sortDirection": "ascending",
                **self.queue_includes,
            },
        )

    async def fetch_queue(self, ctx: Context, options: None) -> ListData:
        page = await self.queue_records(ctx)
        rows = []
        for record in page.records:
            eta = record_eta(record)
            detail = f"{record_percent(record):g} % · {format_eta(eta)} left"
            problem = record_problem(record)
            rows.append(
                ListRow(
                    title=self.queue_title(record),
                    detail=f"{detail} · {problem}" if problem else detail,
                    status=record.trackedDownloadState or record.status or "",
                    level=record_level(record),
                )
            )
        return ListData(rows=rows, total=page.totalRecords, empty_text="Queue is empty")

    async def fetch_queue_progress(self, ctx: Context, options: None) -> ProgressData:
        page = await self.queue_records(ctx)
        items = [
            ProgressItem(
                label=self.queue_title(record),
                percent=record_percent(record),
                eta_seconds=record_eta(record),
                detail=record.trackedDownloadState or record.status or "",
                level=record_level(record),
            )
            for record in page.records
        ]
        return ProgressData(items=items, empty_text="Nothing downloading")

    async def fetch_calendar(self, ctx: Context, options: CalendarOptions | None) -> ListData:
        days = (options or CalendarOptions()).days
        start = datetime.now(UTC)
        end = start + timedelta(days=days)
        items: list[dict[str, Any]] = await self.get(
            ctx,
            "/calendar",
            list[dict[str, Any]],
            what="the calendar",
            params={
                "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "unmonitored": "false",
                **self.calendar_includes,
            },
        )
        entries = [entry for item in items if (entry := self.calendar_entry(item)) is not None]
        entries.sort(key=lambda e: e[0])
        return ListData(
            rows=[row for _when, row in entries], empty_text=f"Nothing in the next {days} days"
        )


def parse_when(value: Any) -> datetime | None:
    """An ISO date or date-time from the API as an aware datetime (UTC when unzoned)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_time(moment: datetime, *, with_time: bool = True) -> str:
    """``Tue 14 May 21:00`` in the machine's time zone (date only for day-precision dates)."""
    local = moment.astimezone()
    return local.strftime("%a %d %b %H:%M" if with_time else "%a %d %b")
