"""Schema migrations: an ordered list of SQL steps applied on open, all in one transaction.

Each migration is plain SQL frozen at the time it was written (never derived from the current
models, which move on). ``schema_version`` gets one row per applied step. A database newer than
this code is refused (:class:`DatabaseTooNewError`) instead of being half understood.

To change the schema: append a :class:`Migration` with the next version, update
:mod:`launcher_tui.store.models`, and extend ``tests/store/test_migrations.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peewee import SqliteDatabase

from launcher_tui.store.errors import DatabaseTooNewError, StoreError
from launcher_tui.store.models import utcnow


@dataclass(frozen=True)
class Migration:
    """One schema step: SQL statements, then an optional Python data fix-up."""

    version: int
    description: str
    statements: tuple[str, ...]
    after: Callable[[SqliteDatabase], None] | None = None


SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at DATETIME NOT NULL
)"""

V1_INITIAL = Migration(
    1,
    "initial schema: apps, boards, widgets, meta",
    (
        """CREATE TABLE app (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name VARCHAR(255) NOT NULL COLLATE NOCASE UNIQUE,
            url TEXT NOT NULL DEFAULT '',
            group_name TEXT NOT NULL DEFAULT '',
            icon TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            integration_type TEXT,
            integration_config BLOB,
            integration_enabled INTEGER NOT NULL DEFAULT 1,
            verify_tls INTEGER NOT NULL DEFAULT 1,
            ca_bundle TEXT,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL
        )""",
        """CREATE TABLE board (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name VARCHAR(255) NOT NULL COLLATE NOCASE UNIQUE,
            sort_order INTEGER NOT NULL DEFAULT 0,
            columns INTEGER NOT NULL DEFAULT 4,
            created_at DATETIME NOT NULL
        )""",
        """CREATE TABLE widget (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            board_id INTEGER NOT NULL REFERENCES board (id) ON DELETE CASCADE,
            app_id INTEGER NOT NULL REFERENCES app (id) ON DELETE CASCADE,
            endpoint TEXT NOT NULL,
            kind TEXT NOT NULL,
            x INTEGER NOT NULL DEFAULT 0,
            y INTEGER NOT NULL DEFAULT 0,
            w INTEGER NOT NULL DEFAULT 1,
            h INTEGER NOT NULL DEFAULT 1,
            refresh_interval REAL,
            created_at DATETIME NOT NULL
        )""",
        "CREATE INDEX widget_board_id ON widget (board_id)",
        "CREATE INDEX widget_app_id ON widget (app_id)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)",
    ),
)


def _order_apps_by_creation(db: SqliteDatabase) -> None:
    """Existing apps keep the order they were added in."""
    db.execute_sql("UPDATE app SET sort_order = id")


V2_ORDER_AND_OPTIONS = Migration(
    2,
    "app.sort_order (manual ordering) and widget.options (per-widget endpoint options)",
    (
        "ALTER TABLE app ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE widget ADD COLUMN options TEXT NOT NULL DEFAULT '{}'",
    ),
    after=_order_apps_by_creation,
)

V3_BOOKMARKS_SOURCES_TITLES = Migration(
    3,
    "bookmarks; app origin (imported/discovered), user-edited fields and status check; widget titles",
    (
        """CREATE TABLE bookmark (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            group_name TEXT NOT NULL DEFAULT '',
            icon TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            created_at DATETIME NOT NULL
        )""",
        "CREATE UNIQUE INDEX bookmark_group_name ON bookmark (group_name, name COLLATE NOCASE)",
        # where an app came from: NULL (typed in), 'homepage' (imported), 'docker' (discovered)
        "ALTER TABLE app ADD COLUMN source TEXT",
        # the source's own key for the app (container id/name, services.yaml path), for re-runs
        "ALTER TABLE app ADD COLUMN source_key TEXT",
        # JSON list of fields the user changed by hand: re-discovery never overwrites them
        "ALTER TABLE app ADD COLUMN user_edited TEXT NOT NULL DEFAULT '[]'",
        # reachability check of the app's URL (status dot); on by default, off per app
        "ALTER TABLE app ADD COLUMN status_check INTEGER NOT NULL DEFAULT 1",
        # a card's own title; NULL: derived from the app and endpoint
        "ALTER TABLE widget ADD COLUMN title TEXT",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (V1_INITIAL, V2_ORDER_AND_OPTIONS, V3_BOOKMARKS_SOURCES_TITLES)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(db: SqliteDatabase) -> int:
    """The highest applied migration, 0 for an empty database."""
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(
    db: SqliteDatabase, path: str, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[int]:
    """Bring ``db`` up to the last of ``migrations``; returns the versions applied.

    The version is read first without a write lock (the common case: nothing to do, and
    another process may be writing). Pending steps then run in one ``BEGIN IMMEDIATE``
    transaction that re-reads the version, so two processes starting at once migrate once and
    a failure leaves the database exactly as it was.
    """
    latest = migrations[-1].version if migrations else 0
    found = current_version(db)
    if found > latest:
        raise DatabaseTooNewError(path, found, latest)
    if found == latest:
        return []
    applied: list[int] = []
    with db.atomic("IMMEDIATE"):
        db.execute_sql(SCHEMA_VERSION_TABLE)
        found = current_version(db)
        for migration in migrations:
            if migration.version <= found:
                continue
            try:
                for statement in migration.statements:
                    db.execute_sql(statement)
                if migration.after is not None:
                    migration.after(db)
            except Exception as exc:
                if _is_sqlite_state_error(exc):
                    raise
                raise StoreError(
                    f"Upgrading the database {path} to version {migration.version} failed: {exc}. "
                    "Nothing was changed."
                ) from exc
            db.execute_sql(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, utcnow()),
            )
            applied.append(migration.version)
    return applied


def _is_sqlite_state_error(exc: Exception) -> bool:
    """Locked/corrupt errors keep their type so the store can name them precisely."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text or "malformed" in text or "not a database" in text
