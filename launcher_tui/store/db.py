"""Opening the SQLite database safely: private files, WAL, migrations, typed failures.

Rules this module keeps:

* the database file, its ``-wal`` and ``-shm`` are mode 0600 (the file is pre-created with
  ``O_CREAT`` 0600; SQLite gives the WAL and SHM files the database's mode, and we tighten
  whatever already exists);
* every connection runs with ``journal_mode=WAL``, ``busy_timeout`` and ``foreign_keys=ON``;
* a file that is not a database, or is damaged, raises :class:`DatabaseCorruptError` and is
  never modified, deleted or recreated; a lock held longer than the busy timeout raises
  :class:`DatabaseLockedError`.

Models are bound to the open store's database (peewee binds at class level), so one process
uses one open :class:`Store` at a time; that is how the CLI and the TUI work.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee

from launcher_tui import paths
from launcher_tui.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseUnavailableError,
    StoreError,
)
from launcher_tui.store.migrations import migrate
from launcher_tui.store.models import MODELS, MetaEntry

DEFAULT_BUSY_TIMEOUT_MS = 5000
_SIDE_FILES = ("-wal", "-shm")


class Store:
    """An open database. Use :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(self, path: Path, db: peewee.SqliteDatabase) -> None:
        self.path = path
        self.db = db

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: Path | str | None = None,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> Store:
        """Open (creating if absent) and migrate the database in ``data_dir``."""
        path = paths.db_path(data_dir)
        label = str(path)
        try:
            paths.ensure_private_dir(path.parent)
            paths.touch_private(path)
        except OSError as exc:
            raise DatabaseUnavailableError(label, exc.strerror or str(exc)) from None
        db = peewee.SqliteDatabase(
            str(path),
            pragmas={
                "journal_mode": "wal",
                "busy_timeout": int(busy_timeout_ms),
                "foreign_keys": 1,
                "synchronous": "normal",
            },
            timeout=busy_timeout_ms / 1000,
        )
        store = cls(path, db)
        try:
            with store.guard():
                db.connect()
                store._check_integrity()
                migrate(db, label)
        except BaseException:
            with contextlib.suppress(Exception):
                db.close()
            raise
        store.tighten_files()
        db.bind(MODELS)
        return store

    def _check_integrity(self) -> None:
        """``PRAGMA quick_check``: damaged pages are caught at open, not mid-edit."""
        rows = self.db.execute_sql("PRAGMA quick_check").fetchall()
        problems = [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
        if problems:
            raise DatabaseCorruptError(str(self.path), "; ".join(problems[:3]))

    def tighten_files(self) -> None:
        """Mode 0600 on the database and whichever of its side files exist."""
        paths.tighten(self.path)
        for suffix in _SIDE_FILES:
            paths.tighten(self.path.with_name(self.path.name + suffix))

    def close(self) -> None:
        """Close this thread's connection (checkpointing the WAL when it is the last one)."""
        with contextlib.suppress(Exception):
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors ----------------------------------------------------------------

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Turn SQLite failures into typed store errors naming this database."""
        try:
            yield
        except StoreError:
            raise
        except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
            raise translate(exc, str(self.path)) from None

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """A write transaction (``BEGIN IMMEDIATE``: take the write lock up front, so WAL
        snapshot upgrades cannot fail half-way) with typed errors."""
        with self.guard(), self.db.atomic("IMMEDIATE"):
            yield

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        """A consistent read snapshot with typed errors."""
        with self.guard(), self.db.atomic():
            yield

    # -- meta -------------------------------------------------------------------------------

    def get_meta(self, key: str) -> bytes | None:
        """A value from the meta table (``None`` when absent)."""
        row = MetaEntry.get_or_none(MetaEntry.key == key)
        return bytes(row.value) if row is not None and row.value is not None else None

    def set_meta(self, key: str, value: bytes | str) -> None:
        """Insert or replace a meta value (call inside :meth:`write`)."""
        data = value.encode() if isinstance(value, str) else value
        MetaEntry.replace(key=key, value=data).execute()

    def delete_meta(self, key: str) -> None:
        MetaEntry.delete().where(MetaEntry.key == key).execute()

    def pragma(self, name: str) -> Any:
        """Read one pragma (tests and ``doctor`` output)."""
        return self.db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def translate(exc: BaseException, path: str) -> StoreError:
    """Map an SQLite exception onto the store's typed errors by its message."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(path)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorruptError(path, str(exc))
    if "unable to open" in text or "readonly" in text or "disk i/o" in text:
        return DatabaseUnavailableError(path, str(exc))
    return StoreError(f"Database error in {path}: {exc}.")
