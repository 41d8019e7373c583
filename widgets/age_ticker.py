"""One ticker per app for the cards' "updated … ago" lines, instead of one timer per card.

A timer per card meant N wake-ups a second, each rewriting a line with a layout refresh of the
whole screen (issue #11: 74 % of the steady-state CPU). Here one interval walks the cards that
are on screen (a hidden board's cards are not in the screen's layout and are skipped) and asks
each to recompute its line if its words may have changed by now (the card knows when:
``status_line``); a card repaints only when the words changed. Ages are coarse
(:func:`check_age`: "just now" under a minute), so a healthy board writes nothing to the terminal
between checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol
from weakref import WeakKeyDictionary

from widgets.format import format_age

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

TICK = 1.0
"""Seconds between two looks at the ages (the words change at most once a minute)."""


def check_age(seconds: float) -> str:
    """The age of the last successful check in words that change at most once a minute.

    ``"just now"`` under a minute, then ``"2 min ago"``, ``"3 h ago"``, ``"2 d ago"``.
    """
    return "just now" if seconds < 60 else format_age(seconds)


class AgedCard(Protocol):
    """What the ticker needs from a card."""

    @property
    def region(self) -> object: ...  # Textual's Region (falsy when not shown)

    def tick_status(self) -> None: ...


class AgeTicker:
    """The app's ticker (see the module docstring); get it with :meth:`of`."""

    _by_app: WeakKeyDictionary[App[object], AgeTicker] = WeakKeyDictionary()

    def __init__(self, app: App[object]) -> None:
        self._app = app
        self._cards: dict[AgedCard, None] = {}  # insertion-ordered set
        self._timer: Timer | None = None

    @classmethod
    def of(cls, app: App[object]) -> AgeTicker:
        """The ticker of ``app`` (created on first use)."""
        ticker = cls._by_app.get(app)
        if ticker is None:
            ticker = cls._by_app[app] = cls(app)
        return ticker

    def add(self, card: AgedCard) -> None:
        """Keep ``card``'s age current while it is mounted; starts the timer if needed."""
        self._cards[card] = None
        if self._timer is None:
            self._timer = self._app.set_interval(TICK, self.tick, name="age-ticker")

    def discard(self, card: AgedCard) -> None:
        """Forget ``card`` (unmounted); the timer stops with the last card."""
        self._cards.pop(card, None)
        if not self._cards and self._timer is not None:
            self._timer.stop()
            self._timer = None

    def tick(self) -> None:
        """Recompute the age line of every card that is on screen."""
        for card in list(self._cards):
            if card.region:  # empty when its board is hidden (not in the screen's layout)
                card.tick_status()
