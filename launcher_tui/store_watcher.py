"""Noticing store changes made by another process (the CLI in another shell).

SQLite's ``PRAGMA data_version`` changes, *on a given connection*, whenever another connection
committed since that connection last asked; this connection's own commits do not change it.
Polled on the dashboard's own store connection it therefore reports exactly the changes the
dashboard did not make itself — ``launcher-tui widgets add`` from another shell — at the cost
of one tiny query per poll (no file read, no table scan).

:class:`StoreSnapshot` is what the dashboard compares to know *what* changed: boards, each
board's widgets, apps. No Textual here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from launcher_tui.services import Services
    from launcher_tui.services.bookmarks import BookmarkRecord
    from launcher_tui.services.schemas import AppRecord, BoardRecord
    from launcher_tui.services.widgets import StoredWidget
    from launcher_tui.store import Store

log = logging.getLogger(__name__)

POLL_SECONDS = 1.5
"""How often the dashboard asks (a CLI change shows up within this, plus the reload)."""


class StoreWatcher:
    """``changed()`` is true once after each commit by another connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._version = self._read()

    def _read(self) -> int | None:
        try:
            return int(self.store.pragma("data_version"))
        except Exception as exc:  # a locked or vanished file: try again next poll
            log.debug("data_version unreadable: %s", exc)
            return None

    def changed(self) -> bool:
        version = self._read()
        if version is None:
            return False
        changed = self._version is not None and version != self._version
        self._version = version
        return changed


@dataclass(frozen=True)
class StoreSnapshot:
    """Boards, widgets by board, and apps as stored at one moment."""

    boards: dict[int, BoardRecord] = field(default_factory=dict)
    widgets: dict[int, tuple[StoredWidget, ...]] = field(default_factory=dict)
    apps: dict[int, AppRecord] = field(default_factory=dict)
    bookmarks: tuple[BookmarkRecord, ...] = ()

    @classmethod
    def read(cls, services: Services) -> StoreSnapshot:
        return cls(
            boards={b.id: b for b in services.boards.list()},
            widgets=services.widgets.stored_layout(),
            apps={a.id: a for a in services.apps.list()},
            bookmarks=tuple(services.bookmarks.list()),
        )

    def changed_apps(self, other: StoreSnapshot) -> set[int]:
        """Apps added, removed or edited between ``self`` and ``other``."""
        ids = self.apps.keys() | other.apps.keys()
        return {i for i in ids if self.apps.get(i) != other.apps.get(i)}

    def changed_boards(self, other: StoreSnapshot) -> set[int]:
        """Boards whose record or widgets differ (added and removed boards included)."""
        ids = self.boards.keys() | other.boards.keys()
        return {
            i
            for i in ids
            if self.boards.get(i) != other.boards.get(i)
            or self.widgets.get(i, ()) != other.widgets.get(i, ())
        }
