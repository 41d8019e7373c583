"""The alert history (``H``): the last alerts raised and cleared, newest first.

Reads :class:`~launcher_tui.alert_book.AlertBook`'s history as it is when opened; alert text is
service data, so it is shown as plain Content, never parsed as markup.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launcher_tui.alert_book import AlertBook, HistoryEntry, alert_id
from widgets.levels import LEVEL_ICON, level_style


def history_line(entry: HistoryEntry, *, acknowledged: bool) -> Content:
    """``12:04:05  ✖ raised  /srv is 97 % full — This machine  (acknowledged)``."""
    alert = entry.alert
    stamp = time.strftime("%H:%M:%S", time.localtime(entry.at))
    event = "raised " if entry.event == "raised" else "cleared"
    return Content.assemble(
        (stamp, "$text-muted"),
        "  ",
        (LEVEL_ICON[alert.severity], level_style(alert.severity, bold=True)),
        " ",
        (event, "bold" if entry.event == "raised" else "$text-muted"),
        "  ",
        alert.message,
        (f" — {alert.source}" if alert.source else "", "$text-muted"),
        ("  (acknowledged)" if acknowledged else "", "$text-muted italic"),
    )


def history_lines(book: AlertBook) -> list[Content]:
    """Newest first; a placeholder line when nothing happened yet."""
    if not book.history:
        return [Content.styled("No alert since the dashboard started.", "$text-muted")]
    current = set(book.current)
    return [
        history_line(
            entry,
            acknowledged=alert_id(entry.alert) in book.acks and alert_id(entry.alert) in current,
        )
        for entry in reversed(book.history)
    ]


class AlertHistoryScreen(ModalScreen[None]):
    """A modal list of the alert history; Escape, ``H`` or ``q`` closes it."""

    BINDINGS = [Binding("escape,H,q", "close", "Close")]

    def __init__(self, book: AlertBook) -> None:
        super().__init__()
        self.book = book

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("Alert history (last 50)", "bold"), classes="title")
            with VerticalScroll():
                yield Static(Content("\n").join(history_lines(self.book)), id="alert-history")
            yield Static(Content.styled("esc closes", "$text-muted"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
