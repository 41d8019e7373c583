"""Shapes of the changedetection.io API v1 answers we read (0.45+; verified against 0.60.10)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Watch(_Loose):
    """One entry of ``GET /api/v1/watch`` (a map of uuid → watch)."""

    url: str
    title: str | None = None
    page_title: str | None = None
    last_checked: int = 0
    last_changed: int = 0
    last_viewed: int | None = None  # older releases; newer ones send ``viewed`` instead
    viewed: bool | None = None
    last_error: str | bool | None = False

    @property
    def name(self) -> str:
        return self.title or self.page_title or self.url

    @property
    def has_unseen_change(self) -> bool:
        """Changed since someone last looked at its diff (Homepage's "diffs detected")."""
        if not self.last_changed:
            return False
        if self.last_viewed is not None:
            return self.last_changed > self.last_viewed
        return not self.viewed

    @property
    def error(self) -> str:
        return self.last_error if isinstance(self.last_error, str) else ""


class Watches(RootModel[dict[str, Watch]]):
    pass


class SystemInfo(_Loose):
    """``GET /api/v1/systeminfo``."""

    version: str
    watch_count: int | None = None
