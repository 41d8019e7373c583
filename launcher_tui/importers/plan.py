"""What an import would do: apps, their integration settings and widgets, bookmarks, settings.

A plan is built from a source without touching the store, printed for ``--dry-run`` and applied
by :mod:`launcher_tui.importers.apply`. Integration settings may hold secrets in clear while the
plan is in memory; :meth:`Plan.to_dict` (everything that is printed) masks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from launcher_tui.services.configs import MASK


@dataclass
class BoardWidget:
    """One widget to place for an app: an endpoint, its options and refresh interval."""

    endpoint: str
    options: dict[str, Any] = field(default_factory=dict)
    refresh: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "options": self.options, "refresh": self.refresh}


@dataclass
class PlannedApp:
    """An app as the source describes it; ``key`` identifies it across re-runs."""

    key: str
    name: str
    url: str = ""
    group: str = ""
    icon: str = ""
    description: str = ""
    sort_order: int | None = None
    integration: str | None = None
    #: the integration its widget maps to although the settings are incomplete (see apply)
    attempted: str | None = None
    config: dict[str, Any] = field(default_factory=dict, repr=False)
    secret_fields: frozenset[str] = frozenset()
    widgets: list[BoardWidget] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    columns: int | None = None  # the group's column count in the source's layout
    #: use an app of the same integration already in the store instead (the one `system`)
    reuse_existing: bool = False

    def to_dict(self) -> dict[str, Any]:
        config = {
            k: (MASK if k in self.secret_fields and v not in (None, "") else v)
            for k, v in self.config.items()
        }
        return {
            "key": self.key,
            "name": self.name,
            "url": self.url,
            "group": self.group,
            "icon": self.icon,
            "description": self.description,
            "integration": self.integration,
            "config": config,
            "widgets": [w.to_dict() for w in self.widgets],
            "problems": list(self.problems),
        }


@dataclass
class PlannedBookmark:
    name: str
    url: str
    group: str = ""
    icon: str = ""
    description: str = ""
    sort_order: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "group": self.group,
            "icon": self.icon,
            "description": self.description,
        }


@dataclass
class Plan:
    """Everything one import run would change (``source`` is ``homepage`` or ``docker``)."""

    source: str
    board: str | None = None
    board_columns: int = 4
    apps: list[PlannedApp] = field(default_factory=list)
    bookmarks: list[PlannedBookmark] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # not tied to one app
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"name", "reason"}
    #: placeholder name -> why it could not be resolved (not set, unreadable file)
    unresolved: dict[str, str] = field(default_factory=dict)
    #: clear values substituted from the environment: never printed
    secrets: set[str] = field(default_factory=set, repr=False)

    def missing(self, names: list[str]) -> list[str]:
        """One problem line per unresolved placeholder."""
        return [
            f"{self.unresolved.get(n, f'{n} is not set')}: its value was left out" for n in names
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "board": self.board,
            "apps": [a.to_dict() for a in self.apps],
            "bookmarks": [b.to_dict() for b in self.bookmarks],
            "settings": dict(self.settings),
            "problems": list(self.problems),
            "skipped": list(self.skipped),
        }
