"""The dashboard's footer: every key it lists is drawn whole, even at 80 columns.

Textual's footer draws its keys in one row and docks the command palette's hint over the
right end: in the launcher at 80x24 that hint covered ``l Apps`` and cut ``? Help`` and
``q Quit``. This footer is compact (one space between keys) and shows the palette's hint
only when the terminal is wide enough for it beside the widest key row; Ctrl+P is listed
in the help screen either way.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_HINT_MIN_WIDTH = 100
"""Columns from which the palette's hint fits beside the launcher's keys (74 + 12 + room)."""


class KeyFooter(Footer):
    """A compact footer whose palette hint appears only where it overlaps nothing."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= PALETTE_HINT_MIN_WIDTH
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            self.refresh(recompose=True)
