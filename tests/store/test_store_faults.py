"""The store under concurrency and odd permissions (issue 9 §4).

Cases: `db_locked_under_concurrent_writers.py` (a writer that loses SQLite's unfair busy
handler must retry, not fail) and `readonly_db_mode_loosened.py` (a 0400 database must stay
0400 and open read-only).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from launcher_tui import paths
from launcher_tui.store import db as db_module
from launcher_tui.store.db import Store
from launcher_tui.store.errors import DatabaseCorruptError, DatabaseReadOnlyError
from launcher_tui.store.models import Board


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_busy_lock_is_retried_until_it_is_free(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holds the lock past the busy timeout; it lets go while we back off."""
    store = Store.open(busy_timeout_ms=50)
    holder = sqlite3.connect(data_dir / paths.DB_FILENAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    pauses: list[float] = []

    def backoff(seconds: float) -> None:  # the first retry pause: the other writer commits
        pauses.append(seconds)
        if holder.in_transaction:
            holder.execute("COMMIT")

    monkeypatch.setattr(db_module.time, "sleep", backoff)
    try:
        with store.write():
            Board.create(name="after the wait")
        with store.read():
            assert [b.name for b in Board.select()] == ["after the wait"]
        assert len(pauses) == 1 and 0 < pauses[0] <= 0.5
    finally:
        holder.close()
        store.close()


def test_a_read_only_database_keeps_its_mode_and_opens_read_only(data_dir: Path) -> None:
    with Store.open() as store, store.write():
        Board.create(name="Home")
    db = data_dir / paths.DB_FILENAME
    db.chmod(0o400)
    store = Store.open()
    try:
        assert mode(db) == 0o400
        assert store.read_only and "0400" in store.read_only_reason
        with store.read():
            assert [b.name for b in Board.select()] == ["Home"]
        with pytest.raises(DatabaseReadOnlyError, match="read-only") as refused, store.write():
            Board.create(name="never")
        assert str(db) in refused.value.message
    finally:
        store.close()
    assert mode(db) == 0o400
    db.chmod(0o600)
    with Store.open() as store, store.read():
        assert [b.name for b in Board.select()] == ["Home"]


def test_permissions_are_only_tightened(data_dir: Path) -> None:
    Store.open().close()
    db = data_dir / paths.DB_FILENAME
    db.chmod(0o644)
    Store.open().close()
    assert mode(db) == 0o600  # group/other read removed
    db.chmod(0o440)
    Store.open().close()
    assert mode(db) == 0o400  # group read removed, owner write not added


def test_a_zero_length_database_is_damaged_not_adopted(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / paths.DB_FILENAME
    db.touch()
    old = db.stat().st_mtime - 3600
    os.utime(db, (old, old))  # truncated an hour ago, not being created right now
    with pytest.raises(DatabaseCorruptError, match="empty") as damaged:
        Store.open()
    assert str(db) in damaged.value.message
    assert db.stat().st_size == 0 and not Path(f"{db}-wal").exists()


def test_a_new_store_is_still_created(data_dir: Path) -> None:
    with Store.open() as store:
        assert not store.read_only
    assert (data_dir / paths.DB_FILENAME).stat().st_size > 0
