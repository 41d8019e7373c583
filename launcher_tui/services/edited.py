"""``app.user_edited``: which fields of an imported or discovered app a person changed.

Re-importing or re-discovering never overwrites these (see :mod:`launcher_tui.importers.apply`).
Only fields whose value really changed count, so a form that sends every field back on save does
not mark the untouched ones.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from launcher_tui.services.keys import KeyRing
    from launcher_tui.store.models import App

#: app columns tracked, by the name the importer and ``AppUpdate`` use
COLUMNS = {
    "name": "name",
    "url": "url",
    "group": "group",
    "icon": "icon",
    "description": "description",
    "integration": "integration_type",
}


def names(row: App) -> list[str]:
    """The recorded field names ([] when none or unreadable)."""
    try:
        value = json.loads(row.user_edited or "[]")
    except ValueError:
        return []
    return sorted({str(v) for v in value}) if isinstance(value, list) else []


def snapshot(row: App) -> dict[str, Any]:
    """The tracked values before an edit (config kept encrypted: compared only if re-saved)."""
    return {
        **{name: getattr(row, column) for name, column in COLUMNS.items()},
        "config": row.integration_config,
    }


def record(
    row: App, before: dict[str, Any], new_config: dict[str, Any] | None, keyring: KeyRing
) -> None:
    """Add the fields the edit changed to ``row.user_edited`` (and save the row)."""
    changed = {name for name, column in COLUMNS.items() if getattr(row, column) != before[name]}
    if new_config is not None:
        old = keyring.open(before["config"], row.id).config if before["config"] else None
        if old != new_config:
            changed.add("config")
    if changed - set(names(row)):
        row.user_edited = json.dumps(sorted(set(names(row)) | changed))
        row.save()
