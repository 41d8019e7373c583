"""Applying a :class:`~launcher_tui.importers.plan.Plan` to the store, all or nothing.

Everything runs in one ``BEGIN IMMEDIATE`` transaction through the ordinary services (so every
rule they enforce holds and secrets are encrypted by the app service); the nested service calls
become savepoints. ``dry_run`` runs exactly the same steps and rolls back, so the printed outcome
is what a real run does. Without a key yet, a dry run encrypts under a throw-away key in memory,
so it never creates the key file.

Re-runs are idempotent: an app is matched on ``(app.source, app.source_key)`` and updated, never
duplicated; fields listed in ``app.user_edited`` (changed by hand) are left alone. Widgets are
matched on (board, app, endpoint, options); new ones go where the source's layout puts them
(one band of rows per group, the group's column count), or the first free place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from launcher_tui import crypto
from launcher_tui.importers.plan import BoardWidget, Plan, PlannedApp
from launcher_tui.services import configs
from launcher_tui.services.edited import names as edited_names
from launcher_tui.services.errors import ValidationFailed
from launcher_tui.services.widgets import Box, default_size
from launcher_tui.store.models import App, Board, Widget

if TYPE_CHECKING:
    from integrations.base import Endpoint
    from launcher_tui.services import Services

PLAIN_FIELDS = ("name", "url", "group", "icon", "description")


@dataclass
class Outcome:
    """What a run did (or, dry, would do)."""

    dry_run: bool
    apps: list[dict[str, Any]] = field(default_factory=list)
    bookmarks: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0})
    settings: dict[str, str] = field(default_factory=dict)
    board: str | None = None
    widgets_added: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "board": self.board,
            "apps": self.apps,
            "widgets_added": self.widgets_added,
            "bookmarks": self.bookmarks,
            "settings": self.settings,
        }


def apply_plan(services: Services, plan: Plan, *, dry_run: bool = False) -> Outcome:
    """Make the store hold what ``plan`` says; one transaction (rolled back when ``dry_run``)."""
    keyring = services.apps.keyring
    throwaway = dry_run and keyring.current() is None
    if throwaway:
        keyring.use(crypto.generate_key())
    try:
        with services.store.guard(), services.store.db.atomic("IMMEDIATE") as txn:
            outcome = _Run(services, plan, dry_run).run()
            if dry_run:
                txn.rollback()
        return outcome
    finally:
        if throwaway:
            keyring.forget()


class _Run:
    def __init__(self, services: Services, plan: Plan, dry_run: bool) -> None:
        self.services = services
        self.plan = plan
        self.outcome = Outcome(dry_run=dry_run, board=plan.board)

    def run(self) -> Outcome:
        placed: list[tuple[PlannedApp, int]] = []
        for app in self.plan.apps:
            app_id = self._app(app)
            if app_id is not None:
                placed.append((app, app_id))
        if self.plan.board and any(app.widgets for app, _ in placed):
            self._widgets(placed)
        for bookmark in self.plan.bookmarks:
            _, created = self.services.bookmarks.upsert(bookmark.to_dict())
            self.outcome.bookmarks["created" if created else "updated"] += 1
        for name, value in self.plan.settings.items():
            if self.services.settings.get(name) != value:
                self.services.settings.set(name, value)
                self.outcome.settings[name] = value
        return self.outcome

    # -- apps ---------------------------------------------------------------------------------

    def _app(self, app: PlannedApp) -> int | None:
        report: dict[str, Any] = {
            "name": app.name,
            "key": app.key,
            "group": app.group,
            "integration": app.integration,
            "problems": list(app.problems),
        }
        self.outcome.apps.append(report)
        row = App.get_or_none((App.source == self.plan.source) & (App.source_key == app.key))
        if row is None and app.reuse_existing and app.integration:
            row = App.get_or_none(App.integration_type == app.integration)
            if row is not None:
                report.update(action="reused", name=row.name)
                return row.id
        if row is None:
            return self._create(app, report)
        return self._update(row, app, report)

    def _create(self, app: PlannedApp, report: dict[str, Any]) -> int | None:
        payload = {
            "name": self._free_name(app),
            "url": app.url,
            "group": app.group,
            "icon": app.icon,
            "description": app.description,
            "integration": app.integration,
            "config": app.config if app.integration else {},
        }
        try:
            record = self.services.apps.add(payload)
        except ValidationFailed as exc:
            report["problems"] += [f"{k}: {v}" for k, v in exc.errors.items()]
            if not app.integration or not app.url:
                report.update(action="skipped", integration=None)
                return None
            report["problems"].append("imported as a plain launcher entry")
            try:
                record = self.services.apps.add({**payload, "integration": None, "config": {}})
            except ValidationFailed as again:
                report["problems"] += [f"{k}: {v}" for k, v in again.errors.items()]
                report.update(action="skipped", integration=None)
                return None
            report["integration"] = None
            app.widgets = []
        App.update(source=self.plan.source, source_key=app.key).where(App.id == record.id).execute()
        report.update(action="create", name=record.name)
        return record.id

    def _update(self, row: App, app: PlannedApp, report: dict[str, Any]) -> int:
        edited = set(edited_names(row))
        current = self.services.apps.get(row.id)
        changes: dict[str, Any] = {}
        for name in PLAIN_FIELDS:
            wanted = getattr(app, name)
            if (
                name not in edited
                and getattr(current, name) != wanted
                and (wanted or name != "url")
            ):
                if name == "name" and App.get_or_none(App.name == wanted) is not None:
                    continue  # another app has that name now: keep ours
                changes[name] = wanted
        # settings incomplete this time (a variable not set): complete them from the stored ones
        kind = app.integration or (app.attempted if app.attempted == row.integration_type else None)
        if not edited & {"integration", "config"}:
            if kind != row.integration_type:
                changes["integration"] = kind
                changes["config"] = app.config if kind else {}
            elif kind:
                synced = self._synced_config(row, kind, app.config)
                if synced is not None:
                    changes["config"] = synced
        kept = sorted(edited & {*PLAIN_FIELDS, "integration", "config"})
        if kept:
            report["kept_user_edits"] = kept
        if changes:
            try:
                self.services.apps.update(row.id, changes, by_user=False)
            except ValidationFailed as exc:
                report["problems"] += [f"{k}: {v}" for k, v in exc.errors.items()]
                report.update(action="unchanged", name=row.name)
                return row.id
            report.update(
                action="update", changed=sorted(changes), name=changes.get("name", row.name)
            )
        else:
            report.update(action="unchanged", name=row.name)
        if row.integration_type != app.integration and "integration" not in changes:
            report["integration"] = row.integration_type
            app.widgets = []  # a kept integration: its widgets are already placed
        return row.id

    def _synced_config(self, row: App, kind: str, config: dict[str, Any]) -> dict[str, Any] | None:
        """The settings change that makes the stored ones what the source says, or ``None``.

        A setting the source no longer gives goes back to its default; a secret it does not give
        (its variable was not set this time) keeps the stored value.
        """
        opened = self.services.apps.keyring.open(row.integration_config, row.id)
        integration = self.services.registry.get(kind)
        secrets = configs.secret_names(integration) or set()
        stored = opened.config or {}
        change = {k: None for k in stored if k not in config and k not in secrets} | config
        try:
            wanted = configs.validate(integration, configs.merge(stored, change, secrets))
        except ValidationFailed:
            return None  # incomplete even with what is stored: leave the app as it is
        return change if wanted != stored else None

    def _free_name(self, app: PlannedApp) -> str:
        candidates = [app.name]
        if app.group:
            candidates.append(f"{app.name} ({app.group.split(' / ')[-1]})")
        candidates += [f"{app.name} ({n})" for n in range(2, 100)]
        for name in candidates:
            if len(name) <= 100 and App.get_or_none(App.name == name) is None:
                return name
        return app.name  # let the service report the clash

    # -- widgets ------------------------------------------------------------------------------

    def _widgets(self, placed: list[tuple[PlannedApp, int]]) -> None:
        assert self.plan.board is not None
        board = Board.get_or_none(Board.name == self.plan.board)
        if board is None:
            record = self.services.boards.add(
                {"name": self.plan.board, "columns": self.plan.board_columns}
            )
            board = Board.get_by_id(record.id)
        taken = [
            Box(*t)
            for t in Widget.select(Widget.x, Widget.y, Widget.w, Widget.h)
            .where(Widget.board == board.id)
            .tuples()
        ]
        bottom = max((b.y + b.h for b in taken), default=0)
        group: str | None = None
        x = y = row_h = 0
        for app, app_id in placed:
            if app.group != group:
                group, x, y, row_h = app.group, 0, bottom, 0
            columns = min(app.columns or board.columns, board.columns)
            for planned in app.widgets:
                if self._existing(board.id, app_id, app, planned):
                    continue
                w, h = default_size(self._endpoint(app, planned))  # what the TUI gives it
                size = (min(w, columns), h)
                if x + size[0] > columns:
                    x, y, row_h = 0, y + row_h, 0
                box = Box(x, y, *size)
                payload: dict[str, Any] = {
                    "board": board.id,
                    "app": app_id,
                    "endpoint": planned.endpoint,
                    "options": planned.options,
                    "w": size[0],
                    "h": size[1],
                }
                if planned.refresh is not None:
                    payload["refresh_interval"] = planned.refresh
                if not any(box.overlaps(b) for b in taken):
                    payload.update(x=box.x, y=box.y)
                try:
                    added = self.services.widgets.add(payload)
                except ValidationFailed as exc:
                    self._report(app)["problems"] += [
                        f"widget {planned.endpoint}: {k}: {v}" for k, v in exc.errors.items()
                    ]
                    continue
                placed_box = Box(added.x, added.y, added.w, added.h)
                taken.append(placed_box)
                bottom = max(bottom, placed_box.y + placed_box.h)
                self.outcome.widgets_added += 1
                x, row_h = x + size[0], max(row_h, size[1])

    def _report(self, app: PlannedApp) -> dict[str, Any]:
        return next(r for r in self.outcome.apps if r["key"] == app.key)

    def _endpoint(self, app: PlannedApp, planned: BoardWidget) -> Endpoint:
        integration = self.services.registry.get(app.integration or "")
        return integration.endpoint(planned.endpoint)

    def _existing(self, board_id: int, app_id: int, app: PlannedApp, planned: BoardWidget) -> bool:
        """Is the widget already there? (Then only its refresh interval follows the source.)"""
        integration = self.services.registry.get(app.integration or "")
        model = integration.endpoint(planned.endpoint).options_model
        wanted = configs.plain(model.model_validate(planned.options)) if model else {}
        rows = Widget.select().where(
            (Widget.board == board_id)
            & (Widget.app == app_id)
            & (Widget.endpoint == planned.endpoint)
        )
        for row in rows:
            if json.loads(row.options or "{}") == wanted:
                if planned.refresh is not None and row.refresh_interval != planned.refresh:
                    row.refresh_interval = planned.refresh
                    row.save()
                return True
        return False
