"""Making the store match a configuration document, in one transaction, with a diff.

Apps, boards and bookmarks are matched by name (bookmarks by group and name). Without
``prune`` what the document does not mention is left alone; with it, it is removed. A board's
widgets are replaced as a whole when they differ from the document. Secret settings are
references: ``env:NAME`` and ``file:PATH`` are read here; one that is not set keeps the secret
already stored, and is an error for an app that has none yet. Nothing is written unless every
step succeeds; the diff is the store's export before and after (secrets stay references).
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from launcher_tui import crypto
from launcher_tui.config_io.document import AppDoc, BoardDoc, ConfigDocument
from launcher_tui.config_io.export import build, to_yaml
from launcher_tui.importers.errors import SourceError
from launcher_tui.importers.yamlfile import parse
from launcher_tui.services import configs
from launcher_tui.services.errors import ValidationFailed, validation_errors
from launcher_tui.store.models import App, Board, Bookmark, Widget

if TYPE_CHECKING:
    from launcher_tui.services import Services


@dataclass
class Applied:
    diff: str
    dry_run: bool
    changed: bool
    problems: list[str] = field(default_factory=list)


def load(text: str, label: str) -> ConfigDocument:
    """Parse and validate a document; errors name the file, line or field."""
    data = parse(text, label)
    try:
        return ConfigDocument.model_validate(data if data is not None else {})
    except ValidationError as exc:
        fields = "; ".join(f"{k}: {v}" for k, v in validation_errors(exc).items())
        raise SourceError(f"{label}: {fields}") from None


def resolve(value: Any, what: str, *, env: Mapping[str, str] | None = None) -> Any:
    """An ``env:NAME`` / ``file:PATH`` reference's value; ``None`` when it is not available."""
    if not isinstance(value, str):
        return value
    if value.startswith("env:"):
        return (os.environ if env is None else env).get(value[4:])
    if value.startswith("file:"):
        try:
            return Path(value[5:]).expanduser().read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise SourceError(f"{what}: cannot read {value[5:]}: {exc.strerror}") from None
    return value


def apply_document(
    services: Services, document: ConfigDocument, *, prune: bool = False, dry_run: bool = False
) -> Applied:
    """Make the store match ``document`` (rolled back for ``dry_run``)."""
    keyring = services.apps.keyring
    throwaway = dry_run and keyring.current() is None
    if throwaway:
        keyring.use(crypto.generate_key())
    try:
        with services.store.guard(), services.store.db.atomic("IMMEDIATE") as txn:
            before = to_yaml(build(services))
            run = _Apply(services, document, prune)
            run.run()
            after = to_yaml(build(services))
            if dry_run:
                txn.rollback()
    finally:
        if throwaway:
            keyring.forget()
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            "store",
            "store after apply",
        )
    )
    return Applied(diff=diff, dry_run=dry_run, changed=before != after, problems=run.problems)


class _Apply:
    def __init__(self, services: Services, document: ConfigDocument, prune: bool) -> None:
        self.services = services
        self.document = document
        self.prune = prune
        self.problems: list[str] = []

    def run(self) -> None:
        self._settings()
        names = {a.name.lower() for a in self.document.apps}
        if self.prune:
            for row in App.select():
                if row.name.lower() not in names:
                    self.services.apps.remove(row.id)
        for order, app in enumerate(self.document.apps, start=1):
            self._app(app, order)
        self._boards()
        self._bookmarks()

    def _settings(self) -> None:
        current = self.services.settings.all()
        for name, value in self.document.settings.items():
            if current.get(name) != value:
                self.services.settings.set(name, value)
        if self.prune:
            for name in current.keys() - self.document.settings.keys():
                self.services.settings.set(name, None)

    # -- apps ---------------------------------------------------------------------------------

    def _app(self, doc: AppDoc, order: int) -> None:
        row = App.get_or_none(App.name == doc.name)
        config = self._config(doc, row)
        fields: dict[str, Any] = {
            "url": doc.url,
            "group": doc.group,
            "icon": doc.icon,
            "description": doc.description,
            "sort_order": order,
            "integration_enabled": doc.enabled,
            "verify_tls": doc.verify_tls,
            "ca_bundle": doc.ca_bundle,
        }
        if row is None:
            record = self.services.apps.add(
                {"name": doc.name, "integration": doc.integration, "config": config, **fields}
            )
            row = App.get_by_id(record.id)
        else:
            changes = {k: v for k, v in fields.items() if _current(row, k) != v}
            if row.name != doc.name:
                changes["name"] = doc.name
            if doc.integration != row.integration_type:
                changes.update(integration=doc.integration, config=config)
            elif doc.integration and self._differs(row, doc.integration, config):
                changes["config"] = config
            if changes:
                self.services.apps.update(row.id, changes, by_user=False)
                row = App.get_by_id(row.id)
        row.status_check = doc.status_check
        row.source, row.source_key = doc.source, doc.source_key
        row.user_edited = json.dumps(sorted(doc.user_edited))
        row.save()

    def _config(self, doc: AppDoc, row: App | None) -> dict[str, Any]:
        """The settings with references resolved; a missing secret keeps the stored one."""
        out: dict[str, Any] = {}
        stored = (
            self.services.apps.keyring.open(row.integration_config, row.id).config
            if row is not None and row.integration_type == doc.integration
            else None
        )
        for key, value in doc.settings.items():
            resolved = resolve(value, f"{doc.name}.settings.{key}")
            if resolved is None and value is not None:
                if stored and stored.get(key) not in (None, ""):
                    continue  # keep the secret already stored
                raise ValidationFailed(
                    {f"{doc.name}.settings.{key}": f"{value[4:]} is not set (give the secret)"}
                )
            out[key] = resolved
        return out

    def _differs(self, row: App, integration: str, config: dict[str, Any]) -> bool:
        opened = self.services.apps.keyring.open(row.integration_config, row.id)
        try:
            wanted = configs.validate(
                self.services.registry.get(integration), {**(opened.config or {}), **config}
            )
        except (ValidationFailed, LookupError, ImportError):
            return True  # let the app service report it
        return opened.config != wanted

    # -- boards and bookmarks -----------------------------------------------------------------

    def _boards(self) -> None:
        wanted = {b.name.lower() for b in self.document.boards}
        if self.prune:
            for board in Board.select():
                if board.name.lower() not in wanted:
                    self.services.boards.remove(board.id)
        for order, doc in enumerate(self.document.boards, start=1):
            self._board(doc, order)

    def _board(self, doc: BoardDoc, order: int) -> None:
        board = Board.get_or_none(Board.name == doc.name)
        if board is None:
            record = self.services.boards.add(
                {"name": doc.name, "columns": doc.columns, "sort_order": order}
            )
            board = Board.get_by_id(record.id)
        board.name, board.sort_order = doc.name, order
        board.save()
        current = [
            (
                w.app.name,
                w.endpoint,
                w.x,
                w.y,
                w.w,
                w.h,
                w.refresh_interval,
                w.title,
                json.loads(w.options),
            )
            for w in Widget.select().where(Widget.board == board.id).order_by(Widget.y, Widget.x)
        ]
        target = [
            (w.app, w.endpoint, w.x, w.y, w.w, w.h, w.refresh, w.title, w.options)
            for w in sorted(doc.widgets, key=lambda w: (w.y, w.x))
        ]
        if current == target and board.columns == doc.columns:
            return
        Widget.delete().where(Widget.board == board.id).execute()
        if board.columns != doc.columns:
            self.services.boards.set_columns(board.id, doc.columns)
        for widget in doc.widgets:
            record = self.services.widgets.add(
                {
                    "board": board.id,
                    "app": widget.app,
                    "endpoint": widget.endpoint,
                    "x": widget.x,
                    "y": widget.y,
                    "w": widget.w,
                    "h": widget.h,
                    "refresh_interval": widget.refresh,
                    "options": widget.options,
                }
            )
            if widget.title is not None:
                Widget.update(title=widget.title).where(Widget.id == record.id).execute()

    def _bookmarks(self) -> None:
        keep = set()
        for order, doc in enumerate(self.document.bookmarks, start=1):
            record, _ = self.services.bookmarks.upsert({**doc.model_dump(), "sort_order": order})
            keep.add(record.id)
        if self.prune:
            stale = Bookmark.delete()
            (stale.where(Bookmark.id.not_in(keep)) if keep else stale).execute()


def _current(row: App, name: str) -> Any:
    """A column as the document types it (SQLite hands flags back as 0/1)."""
    value = getattr(row, name)
    return bool(value) if name in ("integration_enabled", "verify_tls") else value
