"""Shapes of the NZBGet JSON-RPC results we read (NZBGet 15+, nzbget-ng 22+).

Sizes come as two unsigned 32-bit halves (``...Lo``/``...Hi``) because NZBGet's JSON writer
predates 64-bit integers; :func:`size` joins them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel


def size(lo: int, hi: int) -> int:
    """Join NZBGet's Lo/Hi halves into a byte count."""
    return (hi << 32) + lo


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Status(_Model):
    """``status``: global rate, sizes and pause flags."""

    DownloadRate: int
    RemainingSizeLo: int
    RemainingSizeHi: int = 0
    DownloadedSizeLo: int
    DownloadedSizeHi: int = 0
    DownloadPaused: bool
    QuotaReached: bool = False

    @property
    def remaining(self) -> int:
        return size(self.RemainingSizeLo, self.RemainingSizeHi)

    @property
    def downloaded(self) -> int:
        return size(self.DownloadedSizeLo, self.DownloadedSizeHi)


class Group(_Model):
    """One NZB of ``listgroups``."""

    NZBID: int
    NZBName: str
    Status: str
    FileSizeLo: int
    FileSizeHi: int = 0
    RemainingSizeLo: int
    RemainingSizeHi: int = 0
    PausedSizeLo: int = 0
    PausedSizeHi: int = 0
    Health: int = 1000  # per mille
    CriticalHealth: int = 0

    @property
    def file_size(self) -> int:
        return size(self.FileSizeLo, self.FileSizeHi)

    @property
    def remaining(self) -> int:
        return size(self.RemainingSizeLo, self.RemainingSizeHi)

    @property
    def paused_size(self) -> int:
        return size(self.PausedSizeLo, self.PausedSizeHi)


class GroupList(RootModel[list[Group]]):
    pass
