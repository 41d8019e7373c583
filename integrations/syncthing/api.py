"""Shapes of the Syncthing REST API answers we read (checked against Syncthing 1.19).

Only the fields the integration uses are declared; unknown keys are ignored so newer
releases keep working.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Version(_Loose):
    """``/rest/system/version``."""

    version: str
    codename: str = ""


class SystemStatus(_Loose):
    """``/rest/system/status``: ``uptime`` in seconds and our own device id."""

    myID: str
    uptime: int


class Connection(_Loose):
    connected: bool
    paused: bool = False


class Connections(_Loose):
    """``/rest/system/connections``: one entry per configured device (ours included)."""

    connections: dict[str, Connection]


class FolderConfig(_Loose):
    id: str
    label: str = ""
    paused: bool = False

    @property
    def title(self) -> str:
        return self.label or self.id


class FolderConfigs(RootModel[list[FolderConfig]]):
    """``/rest/config/folders``."""


class FolderStatus(_Loose):
    """``/rest/db/status?folder=<id>``: sync state and byte/item counts."""

    state: str
    error: str = ""  # why the folder is in the "error" state (newer releases)
    invalid: str = ""  # the older spelling of the same
    globalBytes: int
    globalFiles: int = 0
    inSyncBytes: int
    needBytes: int = 0
    needTotalItems: int = 0
    pullErrors: int = 0

    @property
    def reason(self) -> str:
        return self.error or self.invalid


class LoggedError(_Loose):
    when: str = ""
    message: str


class SystemErrors(_Loose):
    """``/rest/system/error``: recent errors (``null`` when there are none)."""

    errors: list[LoggedError] | None = None
