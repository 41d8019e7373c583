"""The store as a :class:`~.document.ConfigDocument` (and as YAML text).

Every secret setting that has a value is written as ``env:LT_<APP>_<SETTING>``: the document can
be committed to git, and ``config apply`` reads the secret from that variable. The names are
derived from the app and setting, so exporting twice gives the same text.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import yaml

from launcher_tui.config_io.document import (
    AppDoc,
    BoardDoc,
    BookmarkDoc,
    ConfigDocument,
    WidgetDoc,
)
from launcher_tui.store.models import App, Board, Widget

if TYPE_CHECKING:
    from launcher_tui.services import Services

HEADER = (
    "# launcher-tui configuration: launcher-tui config apply FILE (schema: config.schema.json)\n"
)


def secret_variable(app: str, setting: str) -> str:
    """``Sonarr``, ``api_key`` → ``LT_SONARR_API_KEY``."""
    slug = re.sub(r"[^A-Z0-9]+", "_", f"{app}_{setting}".upper()).strip("_")
    return f"LT_{slug}"


def build(services: Services, problems: list[str] | None = None) -> ConfigDocument:
    """The document for the open store (call inside a read or write transaction)."""
    notes = problems if problems is not None else []
    apps = []
    for row in App.select().order_by(App.sort_order, App.name):
        apps.append(_app(services, row, notes))
    boards = []
    for board in Board.select().order_by(Board.sort_order, Board.name):
        widgets = [
            WidgetDoc(
                app=w.app.name,
                endpoint=w.endpoint,
                x=w.x,
                y=w.y,
                w=w.w,
                h=w.h,
                refresh=w.refresh_interval,
                title=w.title,
                options=json.loads(w.options or "{}"),
            )
            for w in Widget.select().where(Widget.board == board.id).order_by(Widget.y, Widget.x)
        ]
        boards.append(BoardDoc(name=board.name, columns=board.columns, widgets=widgets))
    bookmarks = [
        BookmarkDoc(name=b.name, url=b.url, group=b.group, icon=b.icon, description=b.description)
        for b in services.bookmarks.list()
    ]
    return ConfigDocument(
        settings=services.settings.all(), apps=apps, boards=boards, bookmarks=bookmarks
    )


def _app(services: Services, row: App, notes: list[str]) -> AppDoc:
    settings: dict[str, Any] = {}
    if row.integration_type:
        opened = services.apps.keyring.open(row.integration_config, row.id)
        try:
            secrets: set[str] | None = set(
                services.registry.get(row.integration_type).secret_fields()
            )
        except (LookupError, ImportError):  # not installed: treat every setting as secret
            secrets = None
        if opened.state in ("undecryptable", "corrupt"):
            notes.append(f"{row.name}: {opened.message}; exported without its settings")
        for key, value in _normalised(services, row.integration_type, opened.config).items():
            hidden = secrets is None or key in secrets
            if hidden and value not in (None, ""):
                settings[key] = f"env:{secret_variable(row.name, key)}"
            else:
                settings[key] = value
    try:
        edited = json.loads(row.user_edited or "[]")
    except ValueError:
        edited = []
    return AppDoc(
        name=row.name,
        url=row.url,
        group=row.group,
        icon=row.icon,
        description=row.description,
        integration=row.integration_type,
        enabled=bool(row.integration_enabled),
        verify_tls=bool(row.verify_tls),
        ca_bundle=row.ca_bundle,
        status_check=bool(row.status_check),
        settings=settings,
        source=row.source,
        source_key=row.source_key,
        user_edited=sorted(edited) if isinstance(edited, list) else [],
    )


def _normalised(services: Services, kind: str, config: dict[str, Any] | None) -> dict[str, Any]:
    """The stored settings as validation types them (80 → 80.0), so exports are stable."""
    from launcher_tui.services import configs
    from launcher_tui.services.errors import ValidationFailed

    try:
        return configs.validate(services.registry.get(kind), config or {})
    except (ValidationFailed, LookupError, ImportError):
        return dict(config or {})


def to_yaml(document: ConfigDocument) -> str:
    data = {"version": document.version, **document.model_dump(mode="json", exclude_defaults=True)}
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def export_text(services: Services, problems: list[str] | None = None) -> str:
    """The YAML document of the whole store."""
    with services.store.read():
        return to_yaml(build(services, problems))
