"""peewee models: the tables as the rest of the store reads and writes them.

The tables themselves are created by :mod:`launcher_tui.store.migrations` (plain SQL, so an old
migration never changes when a model does); ``tests/store`` checks the two agree. Models are not
bound to a database here: :class:`~launcher_tui.store.db.Store` binds them when it opens.
"""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def utcnow() -> datetime:
    """Timestamps are stored as naive UTC (peewee parses naive ISO strings back)."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = None
        legacy_table_names = False


class App(BaseModel):
    """A launcher entry, optionally bound to an integration whose config is encrypted."""

    id = AutoField()
    name = CharField(unique=True, collation="NOCASE")
    url = TextField(default="")
    group = TextField(column_name="group_name", default="")
    icon = TextField(default="")
    description = TextField(default="")
    sort_order = IntegerField(default=0)
    integration_type = TextField(null=True)
    integration_config = BlobField(null=True)  # crypto blob, see launcher_tui.crypto
    integration_enabled = BooleanField(default=True)
    verify_tls = BooleanField(default=True)
    ca_bundle = TextField(null=True)
    source = TextField(null=True)  # None (typed in), "homepage" (imported), "docker" (discovered)
    source_key = TextField(null=True)  # the source's own key for the app, for idempotent re-runs
    user_edited = TextField(
        default="[]"
    )  # JSON list of fields edited by hand (kept on re-discovery)
    status_check = BooleanField(default=True)  # reachability check of the URL (status dot)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "app"


class Board(BaseModel):
    """A named grid of widgets."""

    id = AutoField()
    name = CharField(unique=True, collation="NOCASE")
    sort_order = IntegerField(default=0)
    columns = IntegerField(default=4)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "board"


class Widget(BaseModel):
    """One app endpoint drawn at a grid position on a board."""

    id = AutoField()
    board = ForeignKeyField(Board, backref="widgets", on_delete="CASCADE")
    app = ForeignKeyField(App, backref="widgets", on_delete="CASCADE")
    endpoint = TextField()
    kind = TextField()
    x = IntegerField(default=0)
    y = IntegerField(default=0)
    w = IntegerField(default=1)
    h = IntegerField(default=1)
    refresh_interval = FloatField(null=True)  # None: the endpoint's default
    options = TextField(default="{}")  # JSON, validated against the endpoint's options model
    title = TextField(null=True)  # the card's own title; None: derived from app and endpoint
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "widget"


class Bookmark(BaseModel):
    """A plain link, grouped like apps but never polled (Homepage's ``bookmarks.yaml``)."""

    id = AutoField()
    name = TextField()
    url = TextField(default="")
    group = TextField(column_name="group_name", default="")
    icon = TextField(default="")
    description = TextField(default="")
    sort_order = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "bookmark"


class MetaEntry(BaseModel):
    """Small key/value facts about the store (the key check, first-run flag)."""

    key = TextField(primary_key=True)
    value = BlobField(null=True)

    class Meta:
        table_name = "meta"


class SchemaVersion(BaseModel):
    """One row per applied migration."""

    version = IntegerField(primary_key=True)
    description = TextField()
    applied_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "schema_version"


MODELS: tuple[type[BaseModel], ...] = (App, Board, Widget, Bookmark, MetaEntry, SchemaVersion)
