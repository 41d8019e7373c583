"""The help screen (``?``/F1): every key, generated from the one command table.

Nothing is listed by hand except the keys the cards and the launcher define themselves, which
live next to the table in :mod:`launcher_tui.commands`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launcher_tui.commands import CARD_KEYS, COMMANDS, LAUNCHER_KEYS

SECTIONS = (
    ("global", "Everywhere"),
    ("card", "On a focused card"),
)
KEY_WIDTH = 18


def _row(keys: str, text: str) -> Content:
    return Content.assemble((keys.ljust(KEY_WIDTH), "bold $accent"), text)


def help_content() -> Content:
    """The whole help text (pure, so tests can read it without a screen)."""
    lines: list[Content] = []
    for scope, heading in SECTIONS:
        lines.append(Content.styled(heading, "bold underline"))
        lines += [_row(c.keys_text, c.description) for c in COMMANDS if c.scope == scope]
        if scope == "card":
            lines += [_row(k, t) for k, t in CARD_KEYS]
        lines.append(Content(""))
    lines.append(Content.styled("In the apps launcher", "bold underline"))
    lines += [_row(k, t) for k, t in LAUNCHER_KEYS]
    lines.append(Content(""))
    lines.append(
        Content.assemble(
            ("ctrl+p".ljust(KEY_WIDTH), "bold $accent"),
            "Command palette: every action above by name (add app, switch board, theme…)",
        )
    )
    lines.append(_row("tab, shift+tab", "Move between cards, tabs and form fields"))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Keys, grouped by where they apply; any of Escape, ``?``, F1 or ``q`` closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("launcher-tui keys", "bold"), classes="title")
            with VerticalScroll():
                yield Static(help_content(), id="help-text")
            yield Static(
                Content.styled("esc closes · mouse works too", "$text-muted"), classes="hint"
            )

    def action_close(self) -> None:
        self.dismiss(None)
