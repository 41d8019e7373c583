"""Typed failures of the data layer (database and encryption), each with a message a person can act on.

:class:`LauncherError` is the one base the CLI and the TUI catch: it carries a stable ``code``
(``--json`` output, exit-code mapping), a human ``message`` and a ``hint``. The database errors
live here because the store raises them; :mod:`launcher_tui.crypto` and
:mod:`launcher_tui.services.errors` build on the same base.
"""

from __future__ import annotations

from typing import Any


class LauncherError(Exception):
    """Base of every data-layer failure: never a traceback, always a readable message."""

    code = "error"
    default_hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for ``--json`` output."""
        return {"code": self.code, "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        return self.message


class StoreError(LauncherError):
    """The database could not be used."""

    code = "store"


class DatabaseCorruptError(StoreError):
    """The file is not an SQLite database, or its pages are damaged. It is never touched."""

    code = "database_corrupt"
    default_hint = (
        "The file was left exactly as it was. Restore it from a backup, or move it aside "
        "to start with an empty database."
    )

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"The database {path} cannot be read: {detail}.")
        self.path = path
        self.detail = detail


class DatabaseLockedError(StoreError):
    """Another process held a lock for longer than the busy timeout."""

    code = "database_locked"
    default_hint = (
        "Another launcher-tui (or a tool such as sqlite3) is writing to it. "
        "Close it or wait, then try again."
    )

    def __init__(self, path: str) -> None:
        super().__init__(f"The database {path} is locked by another process.")
        self.path = path


class DatabaseTooNewError(StoreError):
    """The database was migrated by a newer launcher-tui than this one."""

    code = "database_too_new"
    default_hint = "Upgrade launcher-tui; this version does not know the newer schema."

    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(
            f"The database {path} has schema version {found}; this launcher-tui knows up to {known}."
        )
        self.path = path
        self.found = found
        self.known = known


class DatabaseUnavailableError(StoreError):
    """The database file or its directory cannot be opened (permissions, missing disk)."""

    code = "database_unavailable"
    default_hint = "Check that the data directory exists and is writable (LAUNCHER_TUI_DATA_DIR)."

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"The database {path} cannot be opened: {detail}.")
        self.path = path
        self.detail = detail


class DatabaseReadOnlyError(StoreError):
    """The database is read-only (its mode, or the file system): reading works, edits do not."""

    code = "database_read_only"
    default_hint = (
        "Edits are disabled. To edit, make the database writable again (chmod u+w), then retry."
    )

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"The database {path} is read-only ({reason}): edits are disabled.")
        self.path = path
        self.reason = reason
