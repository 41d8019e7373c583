"""The service layer: the only way the CLI and the TUI read or change stored data.

Typical use::

    from launcher_tui.services import open_services

    with open_services() as services:          # $LAUNCHER_TUI_DATA_DIR or the user data dir
        services.first_run()                   # seeds "This machine" on an empty store
        for app in services.apps.list():       # AppRecord: masked config + config_state
            ...

Every failure is a :class:`~launcher_tui.services.errors.LauncherError` with ``code``,
``message`` and ``hint``. Importing this package loads pydantic, peewee and the integration
registry, never Textual or httpx (the runtime is imported only by ``apps.target()``). The
record shapes (:mod:`launcher_tui.services.schemas`) are built on first use: a command that
only reads one app's target (``test-connection``) never needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from launcher_tui.services.apps import AppService
from launcher_tui.services.boards import BoardService
from launcher_tui.services.keys import KeyRing, KeyService, KeyStatus
from launcher_tui.services.widgets import WidgetService
from launcher_tui.store import Store
from launcher_tui.store.db import DEFAULT_BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from integrations.registry import Registry
    from launcher_tui.services.bookmarks import BookmarkService
    from launcher_tui.services.schemas import (
        AppInput,
        AppRecord,
        AppUpdate,
        BoardInput,
        BoardRecord,
        WidgetInput,
        WidgetRecord,
    )
    from launcher_tui.services.settings import SettingsService

_SCHEMAS = frozenset(
    {
        "AppInput",
        "AppRecord",
        "AppUpdate",
        "BoardInput",
        "BoardRecord",
        "WidgetInput",
        "WidgetRecord",
    }
)


def __getattr__(name: str) -> object:
    """The record shapes, imported from :mod:`launcher_tui.services.schemas` when asked for."""
    if name in _SCHEMAS:
        from launcher_tui.services import schemas

        return getattr(schemas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Services:
    """The open store and one service per kind of record. Close it (or use ``with``)."""

    store: Store
    registry: Registry
    apps: AppService
    boards: BoardService
    widgets: WidgetService
    keys: KeyService

    @property
    def bookmarks(self) -> BookmarkService:
        """Plain links (see :mod:`launcher_tui.services.bookmarks`)."""
        from launcher_tui.services.bookmarks import BookmarkService

        return BookmarkService(self.store)

    @property
    def settings(self) -> SettingsService:
        """Small dashboard settings in the meta table (see :mod:`launcher_tui.services.settings`)."""
        from launcher_tui.services.settings import SettingsService

        return SettingsService(self.store)

    def first_run(self) -> bool:
        """Seed the first board on an empty store (see :mod:`launcher_tui.services.first_run`)."""
        from launcher_tui.services.first_run import seed_first_run

        return seed_first_run(self)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_services(
    data_dir: Path | str | None = None,
    *,
    config_dir: Path | str | None = None,
    registry: Registry | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> Services:
    """Open the store (migrating it) and build the services.

    ``data_dir``/``config_dir`` default to ``$LAUNCHER_TUI_DATA_DIR``/``$LAUNCHER_TUI_CONFIG_DIR``
    or the platform's user dirs. Raises the store's typed errors (locked, corrupt, too new).
    """
    if registry is None:
        from integrations.registry import registry as default_registry

        registry = default_registry
    store = Store.open(data_dir, busy_timeout_ms=busy_timeout_ms)
    try:
        keyring = KeyRing(store, Path(config_dir) if config_dir is not None else None)
        with store.read():
            keyring.recover()
    except BaseException:
        store.close()
        raise
    return Services(
        store=store,
        registry=registry,
        apps=AppService(store, keyring, registry),
        boards=BoardService(store),
        widgets=WidgetService(store, registry),
        keys=KeyService(store, keyring),
    )


__all__ = [
    "AppInput",
    "AppRecord",
    "AppService",
    "AppUpdate",
    "BoardInput",
    "BoardRecord",
    "BoardService",
    "KeyService",
    "KeyStatus",
    "Services",
    "WidgetInput",
    "WidgetRecord",
    "WidgetService",
    "open_services",
]
