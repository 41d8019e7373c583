"""Opening the database: pragmas, private files, migrations, corrupt and locked files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from launcher_tui import paths
from launcher_tui.store import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseTooNewError,
    Store,
    StoreError,
)
from launcher_tui.store import migrations as mig
from launcher_tui.store.models import MODELS, App, Board, Widget


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pragmas_on_every_connection(data_dir: Path) -> None:
    with Store.open() as store:
        assert store.path == data_dir / paths.DB_FILENAME
        assert store.pragma("journal_mode") == "wal"
        assert store.pragma("foreign_keys") == 1
        assert store.pragma("busy_timeout") == 5000


def test_files_are_private_even_with_open_umask(data_dir: Path) -> None:
    old = os.umask(0)
    try:
        store = Store.open()
        with store.write():
            Board.create(name="b")
        wal = data_dir / (paths.DB_FILENAME + "-wal")
        shm = data_dir / (paths.DB_FILENAME + "-shm")
        assert wal.exists() and shm.exists()
        assert _mode(data_dir / paths.DB_FILENAME) == 0o600
        assert _mode(wal) == 0o600
        assert _mode(shm) == 0o600
        assert _mode(data_dir) == 0o700
        store.close()
    finally:
        os.umask(old)


def test_existing_loose_file_is_tightened(data_dir: Path) -> None:
    Store.open().close()
    db = data_dir / paths.DB_FILENAME
    os.chmod(db, 0o644)
    Store.open().close()
    assert _mode(db) == 0o600


def test_migrates_empty_database_to_latest(data_dir: Path) -> None:
    with Store.open() as store:
        assert mig.current_version(store.db) == mig.LATEST_VERSION == 3
        rows = store.db.execute_sql("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows] == [1, 2, 3]


def test_models_match_migrated_schema(data_dir: Path) -> None:
    """Migrations are hand-written SQL: every model column must exist, and nothing else."""
    with Store.open() as store:
        for model in MODELS:
            table = model._meta.table_name
            found = {r[1] for r in store.db.execute_sql(f"PRAGMA table_info({table})")}
            expected = {f.column_name for f in model._meta.sorted_fields}
            assert found == expected, table


def _make_v1(path: Path) -> None:
    """A database exactly as version 1 of the schema left it, with data in it."""
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute(mig.SCHEMA_VERSION_TABLE)
    for statement in mig.V1_INITIAL.statements:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, 'initial', '2024-01-01 00:00:00')")
    now = "2024-01-01 00:00:00"
    for name in ("Zeta", "Alpha"):
        conn.execute(
            "INSERT INTO app (name, url, created_at, updated_at) VALUES (?, 'http://h', ?, ?)",
            (name, now, now),
        )
    conn.execute("INSERT INTO board (name, created_at) VALUES ('Home', ?)", (now,))
    conn.execute(
        "INSERT INTO widget (board_id, app_id, endpoint, kind, created_at) "
        "VALUES (1, 1, 'queue', 'list', ?)",
        (now,),
    )
    conn.commit()
    conn.close()


def test_migrates_from_version_1_keeping_data(data_dir: Path) -> None:
    _make_v1(data_dir / paths.DB_FILENAME)
    with Store.open() as store:
        assert mig.current_version(store.db) == 3
        apps = {a.name: a.sort_order for a in App.select()}
        assert apps == {"Zeta": 1, "Alpha": 2}  # creation order kept by the data step
        widget = Widget.get()
        assert widget.options == "{}"
        assert widget.title is None
        assert widget.app.name == "Zeta"
        zeta = App.get(App.name == "Zeta")
        assert (zeta.source, zeta.user_edited, zeta.status_check) == (None, "[]", True)


def test_failed_migration_changes_nothing(data_dir: Path) -> None:
    _make_v1(data_dir / paths.DB_FILENAME)
    broken = mig.Migration(
        mig.LATEST_VERSION + 1,
        "broken",
        ("CREATE TABLE half_done (x INTEGER)", "ALTER TABLE nope ADD COLUMN y"),
    )
    steps = (*mig.MIGRATIONS, broken)
    db_file = str(data_dir / paths.DB_FILENAME)
    import peewee

    db = peewee.SqliteDatabase(db_file)
    with pytest.raises(StoreError, match=f"version {mig.LATEST_VERSION + 1} failed"):
        mig.migrate(db, db_file, steps)
    assert mig.current_version(db) == 1  # every step was rolled back with the broken one
    assert not db.table_exists("half_done")
    assert "sort_order" not in {r[1] for r in db.execute_sql("PRAGMA table_info(app)")}
    db.close()


def test_newer_database_is_refused(data_dir: Path) -> None:
    Store.open().close()
    conn = sqlite3.connect(data_dir / paths.DB_FILENAME)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01 00:00:00')")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNewError, match="version 99"):
        Store.open()


def test_not_a_database_is_typed_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    db = data_dir / paths.DB_FILENAME
    garbage = b"this is definitely not an sqlite database\n" * 200
    db.write_bytes(garbage)
    with pytest.raises(DatabaseCorruptError) as info:
        Store.open()
    assert str(db) in info.value.message
    assert "left exactly as it was" in info.value.hint
    assert db.read_bytes() == garbage
    assert sorted(p.name for p in data_dir.iterdir()) == [paths.DB_FILENAME]


def test_malformed_database_is_typed_and_untouched(data_dir: Path) -> None:
    with Store.open() as store, store.write():
        for i in range(300):
            App.create(name=f"app {i}", url="http://h", description="x" * 200)
    db = data_dir / paths.DB_FILENAME
    raw = bytearray(db.read_bytes())
    page = 4096
    assert len(raw) > 6 * page
    raw[3 * page : 5 * page] = b"\xa5" * (2 * page)  # smash b-tree pages
    db.write_bytes(bytes(raw))
    with pytest.raises(DatabaseCorruptError):
        Store.open()
    assert db.read_bytes() == bytes(raw)


def test_locked_at_open_is_typed(data_dir: Path) -> None:
    Store.open().close()
    holder = sqlite3.connect(data_dir / paths.DB_FILENAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('x', 'y')")
    try:
        with pytest.raises(DatabaseLockedError, match="locked by another process"):
            Store.open(busy_timeout_ms=100)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_locked_while_writing_is_typed_and_reads_still_work(data_dir: Path) -> None:
    store = Store.open(busy_timeout_ms=100)
    with store.write():
        Board.create(name="before")
    holder = sqlite3.connect(data_dir / paths.DB_FILENAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError), store.write():
            Board.create(name="during")
        with store.read():
            assert [b.name for b in Board.select()] == ["before"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
