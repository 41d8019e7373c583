"""Shapes of the Transmission RPC answers we read (RPC version 15+, Transmission 2.8x to 4.x)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: torrent-get fields we ask for (Transmission returns exactly these).
TORRENT_FIELDS = [
    "hashString",
    "name",
    "status",
    "percentDone",
    "rateDownload",
    "rateUpload",
    "eta",
    "error",
    "errorString",
    "isFinished",
    "sizeWhenDone",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class RpcAnswer(_Model):
    """Every answer: ``result`` is "success" or the daemon's error text."""

    result: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class SessionInfo(_Model):
    version: str
    rpc_version: int = Field(alias="rpc-version")


class SessionStats(_Model):
    download_speed: int = Field(alias="downloadSpeed")
    upload_speed: int = Field(alias="uploadSpeed")


class Torrent(_Model):
    hash: str = Field(alias="hashString")
    name: str
    status: int
    percent_done: float = Field(alias="percentDone")
    rate_download: int = Field(0, alias="rateDownload")
    rate_upload: int = Field(0, alias="rateUpload")
    eta: int = -1
    error: int = 0
    error_string: str = Field("", alias="errorString")
    is_finished: bool = Field(False, alias="isFinished")
    size: int | None = Field(None, alias="sizeWhenDone")


class TorrentList(_Model):
    torrents: list[Torrent]
