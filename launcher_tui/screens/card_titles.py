"""A card's title at the width it has: what differs leads, nothing is cut mid-word by accident.

``Endpoint · App`` reads well on a wide card; at 80x24 with two apps on a board, a 20-column
card cut it to ``CPU · This ma…``. A title that does not fit whole drops the app part first
(``CPU``), and shortens it instead only when the endpoint's name alone would not tell two
cards apart (``Status · Ro…`` beside ``Status · NAS``). The endpoint's name is cut last.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

SEPARATOR = " · "
ELLIPSIS = "…"
MIN_APP_CELLS = 2
"""Fewer cells of an app's name than this (before the ``…``) tell nothing: drop it."""
BORDER_CELLS = 6
"""Cells of a card's top border that are not title: ``╭─ `` and `` ─╮``."""


def title_room(card_width: int, prefix_cells: int = 0) -> int | None:
    """Cells left for the title text on a card ``card_width`` wide (``None``: not laid out)."""
    if card_width <= 0:
        return None
    return max(card_width - BORDER_CELLS - prefix_cells, 1)


def fit_title(endpoint: str, app: str, room: int | None, *, keep_app: bool = False) -> str:
    """The plain title text for ``room`` cells (``None``: unknown, the whole title).

    ``keep_app``: another app's card on the board has the same endpoint name, so the app
    part is shortened with ``…`` rather than dropped (see the module doc).
    """
    whole = f"{endpoint}{SEPARATOR}{app}" if app else endpoint
    if not app or room is None or cell_len(whole) <= room:
        return whole
    if keep_app:
        left = room - cell_len(endpoint) - cell_len(SEPARATOR) - cell_len(ELLIPSIS)
        if left >= MIN_APP_CELLS:
            return f"{endpoint}{SEPARATOR}{set_cell_size(app, left).rstrip()}{ELLIPSIS}"
    return endpoint


def ambiguous_names(cards: list[tuple[str, object]]) -> set[str]:
    """Endpoint names shown by cards of more than one app: ``(name, app_id)`` pairs."""
    apps: dict[str, set[object]] = {}
    for name, app_id in cards:
        apps.setdefault(name, set()).add(app_id)
    return {name for name, owners in apps.items() if len(owners) > 1}
