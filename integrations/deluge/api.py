"""Shapes of the Deluge web JSON-RPC results we read (Deluge 2.0/2.1)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel, field_validator

#: Torrent fields asked of ``web.update_ui`` (the daemon returns exactly these keys).
TORRENT_FIELDS = [
    "name",
    "state",
    "progress",
    "download_payload_rate",
    "upload_payload_rate",
    "eta",
    "total_wanted",
    "message",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class UiTorrent(_Model):
    name: str
    state: str
    progress: float  # 0..100
    download_payload_rate: float = 0
    upload_payload_rate: float = 0
    eta: float = 0  # 0 = unknown
    total_wanted: int | None = None
    message: str = ""


class UiStats(_Model):
    """The status bar; only meaningful while connected (the rates are absent otherwise)."""

    download_rate: float = 0
    upload_rate: float = 0


#: Keys without which a torrent cannot be shown.
REQUIRED_FIELDS = frozenset({"name", "state", "progress"})


class UpdateUi(_Model):
    """``web.update_ui``: ``connected`` false (and ``torrents`` null) without a daemon.

    Torrents stay loose dicts here: deluge-web may hand back incomplete ones (see
    :func:`integrations.deluge.integration.torrent_statuses`), which is not a wrong shape.
    """

    connected: bool
    torrents: dict[str, dict[str, Any]] | None = None
    stats: UiStats = UiStats()

    def complete(self) -> bool:
        """Whether every torrent carries the keys we need."""
        return all(entry.keys() >= REQUIRED_FIELDS for entry in (self.torrents or {}).values())


class TorrentStatuses(RootModel[dict[str, UiTorrent]]):
    """Torrent id → status, from ``web.update_ui`` or ``core.get_torrents_status``."""


class HostList(RootModel[list[list[Any]]]):
    """``web.get_hosts``: ``[[host_id, address, port, user], ...]``."""

    @field_validator("root")
    @classmethod
    def _entries(cls, value: list[list[Any]]) -> list[list[Any]]:
        if any(len(entry) < 3 or not isinstance(entry[0], str) for entry in value):
            raise ValueError("each host must be [host_id, address, port, ...]")
        return value


class HostStatus(RootModel[list[Any]]):
    """``web.get_host_status``: ``[host_id, "Online" | "Offline" | "Connected", version]``."""

    @property
    def status(self) -> str:
        return str(self.root[1]) if len(self.root) > 1 else ""
