"""The alert count in the terminal's title bar (OSC 2), so a tab in the background shows it.

Textual does not set the terminal title itself; :class:`AlertTitle` writes the OSC sequence
through the app's driver when the text changes (never under the headless test driver) and
mirrors the count in the Header's sub-title. Only counts and fixed words go into the title —
no service text — and :func:`title_sequence` strips every control character anyway, so nothing
can end the sequence early or smuggle another escape into the terminal.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

MAX_TITLE = 120
PUSH_TITLE = "\x1b[22;2t"
"""XTWINOPS: save the terminal's title (restored by :data:`POP_TITLE` when the app quits)."""
POP_TITLE = "\x1b[23;2t"


def clean_title(text: str) -> str:
    """``text`` without control or format characters (C0, DEL, C1, bidi overrides), capped."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return kept[:MAX_TITLE]


def title_sequence(text: str) -> str:
    """The OSC 2 "set window title" sequence for ``text`` (cleaned), BEL-terminated."""
    return f"\x1b]2;{clean_title(text)}\x07"


def alert_summary(critical: int, warnings: int) -> str:
    """``2 critical, 1 warning`` — or the empty string when all is well."""
    parts = []
    if critical:
        parts.append(f"{critical} critical")
    if warnings:
        parts.append(f"{warnings} warning{'' if warnings == 1 else 's'}")
    return ", ".join(parts)


class AlertTitle:
    """Keeps the terminal title and the Header's sub-title in step with the alert counts."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.text = ""
        """The last title written (tests read it; the headless driver writes nothing)."""
        self._pushed = False

    def show(self, critical: int, warnings: int) -> None:
        summary = alert_summary(critical, warnings)
        text = clean_title(f"{self.app.title} ({summary})" if summary else str(self.app.title))
        if text == self.text:
            return
        self.text = text
        self.app.sub_title = summary
        self._write((PUSH_TITLE if not self._pushed else "") + title_sequence(text))
        self._pushed = True

    def restore(self) -> None:
        """Give the terminal its own title back (the app is closing)."""
        if self._pushed:
            self._write(POP_TITLE)
            self._pushed = False

    def _write(self, data: str) -> None:
        driver = self.app._driver
        if driver is not None and not self.app.is_headless:
            driver.write(data)
