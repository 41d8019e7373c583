"""Shapes of the qBittorrent Web API v2 answers we read (API 2.x, qBittorrent 4.1 to 5.x)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TransferInfo(_Model):
    """``GET /api/v2/transfer/info``: global rates in B/s."""

    dl_info_speed: int
    up_info_speed: int


class TorrentInfo(_Model):
    """One element of ``GET /api/v2/torrents/info``."""

    hash: str
    name: str
    state: str
    progress: float  # 0..1
    dlspeed: int = 0
    upspeed: int = 0
    eta: int = 8_640_000
    size: int | None = None


class TorrentInfoList(RootModel[list[TorrentInfo]]):
    pass
