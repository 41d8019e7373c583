"""Opening the SQLite database safely: private files, WAL, migrations, typed failures.

Rules this module keeps:

* the database file, its ``-wal`` and ``-shm`` are mode 0600 (the file is pre-created with
  ``O_CREAT`` 0600; SQLite gives the WAL and SHM files the database's mode, and we tighten
  whatever already exists);
* every connection runs with ``journal_mode=WAL``, ``busy_timeout`` and ``foreign_keys=ON``;
* a file that is not a database, or is damaged, raises :class:`DatabaseCorruptError` and is
  never modified, deleted or recreated — a zero-length file too (it is not adopted as a new
  database: something truncated it);
* permissions are only ever tightened (group/other bits cleared), never widened: a database the
  user made read-only (no owner write bit, or not writable for us) opens read-only — reads work,
  :meth:`Store.write` raises :class:`DatabaseReadOnlyError`;
* write transactions start ``BEGIN IMMEDIATE`` and, when the lock stays busy past SQLite's busy
  timeout (its busy handler is not fair: one waiter can lose every round), are retried with
  jittered backoff until a deadline of :data:`WRITE_RETRY_FACTOR` busy timeouts; only then
  :class:`DatabaseLockedError`.

Models are bound to the open store's database (peewee binds at class level), so one process
uses one open :class:`Store` at a time; that is how the CLI and the TUI work.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import peewee

from launcher_tui import paths
from launcher_tui.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    StoreError,
)
from launcher_tui.store.migrations import MIGRATIONS, current_version, migrate
from launcher_tui.store.models import MODELS, MetaEntry

DEFAULT_BUSY_TIMEOUT_MS = 5000
WRITE_RETRY_FACTOR = 6
"""A write waits for the lock at most this many busy timeouts (30 s by default) in all."""
_SIDE_FILES = ("-wal", "-shm")
_YOUNG_EMPTY_FILE = 2.0  # seconds: an empty file this new may be another process creating it


class Store:
    """An open database. Use :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(
        self,
        path: Path,
        db: peewee.SqliteDatabase,
        *,
        read_only: str = "",
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = path
        self.db = db
        self.read_only_reason = read_only
        """Why the store is read-only ('' when it is writable)."""
        self.busy_timeout_ms = busy_timeout_ms

    @property
    def read_only(self) -> bool:
        """Whether edits are disabled (see :attr:`read_only_reason`)."""
        return bool(self.read_only_reason)

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
            created = _create_private(path)
        except OSError as exc:
            raise DatabaseUnavailableError(label, exc.strerror or str(exc)) from None
        if not created:
            _refuse_empty(path)
        read_only = read_only_reason(path)
        pragmas: dict[str, Any] = {
            "busy_timeout": int(busy_timeout_ms),
            "foreign_keys": 1,
            "synchronous": "normal",
        }
        if read_only:
            db = peewee.SqliteDatabase(
                f"file:{quote(str(path))}?mode=ro",
                uri=True,
                pragmas=pragmas,
                timeout=busy_timeout_ms / 1000,
            )
        else:
            db = peewee.SqliteDatabase(
                str(path),
                pragmas={"journal_mode": "wal", **pragmas},
                timeout=busy_timeout_ms / 1000,
            )
        store = cls(path, db, read_only=read_only, busy_timeout_ms=busy_timeout_ms)
        try:
            with store.guard():
                db.connect()
                store._check_integrity()
                if read_only and MIGRATIONS and current_version(db) < MIGRATIONS[-1].version:
                    raise DatabaseReadOnlyError(
                        label, f"{read_only}; it needs a schema upgrade, which is a write"
                    )
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
        """No group/other access on the database and its side files (owner bits kept)."""
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
        snapshot upgrades cannot fail half-way) with typed errors.

        Taking the lock is retried with jittered backoff within the deadline (module docstring):
        short writes from several processes wait their turn instead of failing as "locked".
        """
        if self.read_only:
            raise DatabaseReadOnlyError(str(self.path), self.read_only_reason)
        with self.guard(), contextlib.ExitStack() as stack:
            self._begin_immediate(stack)
            yield

    def _begin_immediate(self, stack: contextlib.ExitStack) -> None:
        """Enter ``BEGIN IMMEDIATE`` (or a savepoint when nested), retrying a busy lock."""
        deadline = time.monotonic() + WRITE_RETRY_FACTOR * self.busy_timeout_ms / 1000
        attempt = 0
        while True:
            try:
                stack.enter_context(self.db.atomic("IMMEDIATE"))
                return
            except (peewee.OperationalError, sqlite3.OperationalError) as exc:
                text = str(exc).lower()
                if ("locked" not in text and "busy" not in text) or time.monotonic() >= deadline:
                    raise
            attempt += 1
            pause = min(0.5, 0.01 * 2**attempt) * random.uniform(0.5, 1.5)
            time.sleep(max(0.0, min(pause, deadline - time.monotonic())))

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


def _create_private(path: Path) -> bool:
    """Create ``path`` with mode 0600 unless it exists (never truncating); whether we did."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE)
    except FileExistsError:
        paths.tighten(path)
        return False
    os.close(fd)
    return True


def _refuse_empty(path: Path) -> None:
    """A zero-length database file is damaged (truncated), not a new database to adopt.

    A file only just created may be another process setting up the store: give it a moment.
    """
    deadline = time.monotonic() + _YOUNG_EMPTY_FILE
    while True:
        info = path.stat()
        if info.st_size > 0 or Path(f"{path}-wal").exists():
            return
        young = time.time() - info.st_mtime < _YOUNG_EMPTY_FILE
        if not young or time.monotonic() >= deadline:
            raise DatabaseCorruptError(
                str(path),
                "the file is empty (0 bytes), so it is not a launcher-tui database any more "
                "(truncated?); it was not adopted as a new one",
            )
        time.sleep(0.05)


def read_only_reason(path: Path) -> str:
    """Why ``path`` must be opened read-only ('' when it may be written).

    The owner write bit cleared is the user saying "read-only", even for root, who could write
    anyway; not being allowed to write is the file system saying it.
    """
    info = path.stat()
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid == os.geteuid() and not mode & stat.S_IWUSR:
        return f"mode {mode:04o}"
    if not os.access(path, os.W_OK):
        return "not writable for this user"
    return ""


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
