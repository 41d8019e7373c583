"""A minute clock with the date for the dashboard's header (optional, off by default).

Textual's own header clock shows seconds only and redraws every second; a dashboard left open
all day needs the date and should wake once a minute, not sixty times.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import RenderResult
from textual.widget import Widget

CLOCK_FORMAT = "%a %d %b %H:%M"


def clock_text(now: float, fmt: str = CLOCK_FORMAT) -> str:
    """``Mon 30 Nov 09:41`` for the wall-clock time ``now`` (local time zone)."""
    return time.strftime(fmt, time.localtime(now))


class DateClock(Widget):
    """Docked at the header's right edge; redraws at each new minute."""

    DEFAULT_CSS = """
    DateClock {
        dock: right;
        width: auto;
        padding: 0 1;
        color: $foreground;
        text-opacity: 85%;
    }
    """

    def __init__(self, clock: Callable[[], float] = time.time, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.clock = clock

    def on_mount(self) -> None:
        self._arm()

    def _arm(self) -> None:
        delay = 60.0 - (time.time() % 60.0) + 0.05
        self.set_timer(delay, self._tick, name="header clock")

    def _tick(self) -> None:
        self.refresh(layout=True)
        self._arm()

    def render(self) -> RenderResult:
        return clock_text(self.clock())
