"""The SQLite store: connection, models, migrations and typed errors.

Only :mod:`launcher_tui.services` uses it; the CLI and the TUI go through the services.
"""

from launcher_tui.store.db import Store
from launcher_tui.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DatabaseUnavailableError,
    LauncherError,
    StoreError,
)

__all__ = [
    "DatabaseCorruptError",
    "DatabaseLockedError",
    "DatabaseTooNewError",
    "DatabaseUnavailableError",
    "LauncherError",
    "Store",
    "StoreError",
]
