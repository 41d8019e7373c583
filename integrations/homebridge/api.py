"""Shapes of the homebridge-config-ui-x API answers we read (4.x; verified against 4.76.0)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, RootModel


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Login(_Loose):
    """``POST /api/auth/login`` (201)."""

    access_token: str
    expires_in: float | None = None


class Status(_Loose):
    """``GET /api/status/homebridge``: up, down or pending."""

    status: str


class Package(_Loose):
    """A package as the UI describes it (Homebridge itself and every plugin)."""

    name: str
    display_name: str | None = Field(None, alias="displayName")
    installed_version: str | None = Field(None, alias="installedVersion")
    latest_version: str | None = Field(None, alias="latestVersion")
    update_available: bool = Field(False, alias="updateAvailable")
    disabled: bool = False

    @property
    def title(self) -> str:
        return self.display_name or self.name


class Plugins(RootModel[list[Package]]):
    pass


class NodeJs(_Loose):
    """``GET /api/status/nodejs``."""

    current_version: str = Field(alias="currentVersion")
    latest_version: str | None = Field(None, alias="latestVersion")
    update_available: bool = Field(False, alias="updateAvailable")
    unsupported: bool = Field(False, alias="showNodeUnsupportedWarning")
