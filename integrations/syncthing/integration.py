"""Syncthing: folder states, how far each folder is in sync, errors, and device connections.

Every call carries the GUI's API key in ``X-API-Key`` (Settings → GUI). Folder state and
completion come from ``/rest/db/status`` per folder (in-sync vs global bytes: how much of the
cluster's latest version this device has); errors from ``/rest/system/error`` plus folders that
are in the ``error`` state or failed to pull files.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.concurrency import all_of
from integrations.format import format_bytes, format_duration
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
from integrations.syncthing.api import (
    Connections,
    FolderConfig,
    FolderConfigs,
    FolderStatus,
    SystemErrors,
    SystemStatus,
    Version,
)

M = TypeVar("M", bound=BaseModel)

ID = "syncthing"
_BUSY_STATES = frozenset(
    {
        "scanning",
        "scan-waiting",
        "syncing",
        "sync-waiting",
        "sync-preparing",
        "cleaning",
        "clean-waiting",
    }
)


class SyncthingConfig(HttpConfig):
    """The app URL is the Syncthing GUI (port 8384 by default)."""

    api_key: SecretStr = Field(
        title="API key", description="Actions → Settings → GUI → API Key in the Syncthing web GUI."
    )


async def _read(
    ctx: Context, path: str, model: type[M], *, params: dict[str, str] | None = None
) -> M:
    data = await ctx.http.get_json(
        path, params=params, headers={"X-API-Key": ctx.secret("api_key")}, what=path
    )
    return parse_model(model, data, integration=ID, what=path)


def state_level(folder: FolderConfig, status: FolderStatus | None) -> Severity:
    """Idle is fine, busy is informative, an error (or files that failed) needs attention."""
    if status is None:  # paused: nothing is synced, on purpose
        return Severity.INFO
    if status.state == "error":
        return Severity.CRITICAL
    if status.pullErrors:
        return Severity.WARNING
    return Severity.INFO if status.state in _BUSY_STATES else Severity.OK


def completion(status: FolderStatus) -> float:
    """Percent of the global (cluster-wide newest) bytes this device has."""
    if status.globalBytes <= 0:
        return 100.0
    return min(100.0, max(0.0, 100.0 * status.inSyncBytes / status.globalBytes))


async def _folders(ctx: Context) -> list[tuple[FolderConfig, FolderStatus | None]]:
    """Every configured folder with its status (``None`` for a paused folder)."""
    folders = (await _read(ctx, "/rest/config/folders", FolderConfigs)).root

    async def status(folder: FolderConfig) -> FolderStatus | None:
        if folder.paused:
            return None
        return await _read(ctx, "/rest/db/status", FolderStatus, params={"folder": folder.id})

    statuses = await all_of(*(status(f) for f in folders))
    return sorted(zip(folders, statuses, strict=True), key=lambda fs: fs[0].title.lower())


def _need_text(status: FolderStatus) -> str:
    if not status.needTotalItems:
        return ""
    return f"needs {status.needTotalItems} items ({format_bytes(status.needBytes)})"


class Syncthing(Integration):
    id = ID
    name = "Syncthing"
    icon = "🔄"
    category = "Storage"
    description = "Folder states, sync completion, errors and connected devices."
    docs_url = "https://docs.syncthing.net/dev/rest.html"
    config_model = SyncthingConfig
    endpoints = (
        Endpoint("folders", "Folders", RendererKind.LIST, ttl=15, refresh=15,
                 description="Each folder with its state (idle, syncing, error)."),
        Endpoint("completion", "Completion", RendererKind.PROGRESS, ttl=15, refresh=15,
                 description="How much of each folder is in sync on this device."),
        Endpoint("errors", "Errors", RendererKind.ALERT, ttl=30, refresh=30,
                 description="Syncthing's error log and folders in trouble."),
        Endpoint("status", "Status", RendererKind.STAT, ttl=30, refresh=30,
                 description="Version, uptime and connected devices."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        version = await _read(ctx, "/rest/system/version", Version)
        return f"Syncthing {version.version}"

    async def fetch_folders(self, ctx: Context, options: None) -> ListData:
        rows = []
        for folder, status in await _folders(ctx):
            parts = [folder.id] if folder.label and folder.label != folder.id else []
            if status is not None:
                parts.append(f"{status.globalFiles} files, {format_bytes(status.globalBytes)}")
                parts += [p for p in (_need_text(status), status.reason) if p]
                if status.pullErrors:
                    parts.append(f"{status.pullErrors} failed items")
            rows.append(
                ListRow(
                    title=folder.title,
                    detail=" · ".join(parts),
                    status=status.state if status is not None else "paused",
                    level=state_level(folder, status),
                )
            )
        return ListData(rows=rows, total=len(rows), empty_text="No folders shared")

    async def fetch_completion(self, ctx: Context, options: None) -> ProgressData:
        items = [
            ProgressItem(
                label=folder.title,
                percent=completion(status),
                detail=" · ".join(
                    p
                    for p in (
                        f"{format_bytes(status.inSyncBytes)} of {format_bytes(status.globalBytes)}",
                        _need_text(status),
                    )
                    if p
                ),
                level=state_level(folder, status),
            )
            for folder, status in await _folders(ctx)
            if status is not None
        ]
        return ProgressData(items=items, empty_text="No active folders")

    async def fetch_errors(self, ctx: Context, options: None) -> FetchResult:
        logged, folders = await all_of(
            _read(ctx, "/rest/system/error", SystemErrors), _folders(ctx)
        )
        alerts: list[Alert] = []
        for folder, status in folders:
            if status is None:
                continue
            if status.state == "error":
                alerts.append(
                    Alert(
                        severity=Severity.CRITICAL,
                        message=f"Folder {folder.title}: {status.reason or 'stopped with an error'}",
                        key=f"folder:{folder.id}",
                    )
                )
            elif status.pullErrors:
                alerts.append(
                    Alert(
                        severity=Severity.WARNING,
                        message=f"Folder {folder.title}: {status.pullErrors} items failed to sync",
                        key=f"folder:{folder.id}",
                    )
                )
        seen: set[str] = set()
        for entry in logged.errors or []:
            if entry.message in seen:
                continue
            seen.add(entry.message)
            alerts.append(
                Alert(
                    severity=Severity.WARNING, message=entry.message, key=f"error:{entry.message}"
                )
            )
        return FetchResult(data=AlertData(alerts=alerts, ok_text="No errors"), alerts=alerts)

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        version, system, connections = await all_of(
            _read(ctx, "/rest/system/version", Version),
            _read(ctx, "/rest/system/status", SystemStatus),
            _read(ctx, "/rest/system/connections", Connections),
        )
        others: dict[str, Any] = {
            device: c for device, c in connections.connections.items() if device != system.myID
        }
        connected = sum(c.connected for c in others.values())
        return StatData(
            stats=[
                Stat(label="Version", value=version.version),
                Stat(label="Uptime", value=format_duration(system.uptime)),
                Stat(
                    label="Devices",
                    value=f"{connected}/{len(others)}",
                    level=Severity.WARNING if others and not connected else Severity.OK,
                ),
            ]
        )


INTEGRATION = Syncthing()
