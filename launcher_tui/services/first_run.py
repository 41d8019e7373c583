"""First run: a brand-new store gets a board that shows something useful straight away.

"This machine" is bound to the ``system`` integration and gets one widget per system endpoint,
looked up from the registry at run time (so new system endpoints appear without code here).
Seeding happens once: only on a truly empty store (no app, board or widget) that was never
seeded, so a person who deletes everything does not get it back on the next start.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pydantic import ValidationError

from integrations.models import RendererKind
from launcher_tui.services.errors import ValidationFailed
from launcher_tui.store.models import App, Board, Widget

if TYPE_CHECKING:
    from integrations.base import Endpoint, Integration
    from launcher_tui.services import Services

log = logging.getLogger(__name__)

SEEDED_META = "first_run_seeded"
SYSTEM_INTEGRATION = "system"
BOARD_NAME = "Home"
APP_NAME = "This machine"
_WIDE_KINDS = {RendererKind.LIST, RendererKind.CHART}
SEED_LAYOUT: dict[str, tuple[int, int, int, int]] = {
    "cpu": (0, 0, 1, 1),
    "memory": (1, 0, 1, 1),
    "uptime": (2, 0, 1, 1),
    "disk_alerts": (3, 0, 1, 1),
    "disks": (0, 1, 2, 1),
    "load": (2, 1, 2, 2),
    "processes": (0, 2, 2, 1),
}
"""``x, y, w, h`` per system endpoint on the 4-column board, three rows tall.

Small read-at-a-glance cards on top, the wide ones below: disks get two columns so a mount's
"free of" detail shows beside its name, the chart a 2x2 block for axes. Three rows fit
100x30 and 120x36 without scrolling. Endpoints missing here go to the first free place.
"""


def is_empty(services: Services) -> bool:
    """No app, board or widget, and never seeded before."""
    with services.store.read():
        if services.store.get_meta(SEEDED_META) is not None:
            return False
        return not (App.select().exists() or Board.select().exists() or Widget.select().exists())


def seed_first_run(services: Services) -> bool:
    """Seed the first board when the store is empty; returns whether it did.

    Never raises for a missing or broken ``system`` integration: the store simply stays empty
    (and a later start tries again).
    """
    if not is_empty(services):
        return False
    try:
        system = services.registry.get(SYSTEM_INTEGRATION)
    except (LookupError, ImportError) as exc:
        log.warning("first run: not seeding, %s", exc)
        return False
    try:
        with services.store.write():
            if not is_empty(services):  # another process seeded meanwhile
                return False
            _seed(services, system)
            services.store.set_meta(SEEDED_META, "1")
    except ValidationFailed as exc:  # e.g. the system config needs settings: leave it empty
        log.warning("first run: not seeding, %s", exc)
        return False
    return True


def _seed(services: Services, system: Integration) -> None:
    board = services.boards.add({"name": BOARD_NAME, "columns": 4})
    app = services.apps.add(
        {
            "name": APP_NAME,
            "integration": SYSTEM_INTEGRATION,
            "icon": system.icon,
            "description": "CPU, memory, disks and processes of the computer running this",
        }
    )
    # laid-out endpoints first, so a new endpoint placed "first free" cannot take their spot
    endpoints = sorted(system.endpoints, key=lambda e: e.id not in SEED_LAYOUT)
    for endpoint in endpoints:
        if not _works_without_options(endpoint):
            continue
        wide = endpoint.kind in _WIDE_KINDS
        place: dict[str, int] = {"w": 2 if wide else 1, "h": 2 if wide else 1}
        if endpoint.id in SEED_LAYOUT:
            x, y, w, h = SEED_LAYOUT[endpoint.id]
            place = {"x": x, "y": y, "w": w, "h": h}
        services.widgets.add({"board": board.id, "app": app.id, "endpoint": endpoint.id, **place})


def _works_without_options(endpoint: Endpoint) -> bool:
    """Endpoints that need options (a query, a path) cannot be seeded blind."""
    if endpoint.options_model is None:
        return True
    try:
        endpoint.options_model.model_validate({})
    except ValidationError:
        return False
    return True
