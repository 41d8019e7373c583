"""The help screen (``?``/F1): every key, generated from the one command table.

Nothing is listed by hand except the keys the cards and the launcher define themselves, which
live next to the table in :mod:`launcher_tui.commands`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from launcher_tui.commands import CARD_KEYS, COMMANDS, FORM_KEYS, LAUNCHER_KEYS

SECTIONS = (
    ("global", "Everywhere"),
    ("card", "On a focused card"),
)
EXTRA_GLOBAL_KEYS = (
    ("ctrl+p", "Command palette: every action by name (add app, switch board, theme…)"),
    ("tab, shift+tab", "Move between cards, tabs and form fields"),
)
"""Keys Textual itself provides, listed with the app's own global keys."""
HelpRow = tuple[str, str] | str
"""A ``(keys, text)`` row, or a section heading."""


def help_rows() -> list[HelpRow]:
    """Every help row in order, headings as plain strings (pure, tests read it directly)."""
    rows: list[HelpRow] = []
    for scope, heading in SECTIONS:
        rows.append(heading)
        rows += [(c.keys_text, c.description) for c in COMMANDS if c.scope == scope]
        rows += list(EXTRA_GLOBAL_KEYS if scope == "global" else CARD_KEYS)
    rows.append("In the apps launcher")
    rows += list(LAUNCHER_KEYS)
    rows.append("In a form (add/edit app, add/edit card)")
    rows += list(FORM_KEYS)
    return rows


def help_markdown() -> str:
    """The help screen as the README's key table, row for row and key for key
    (``python scripts/keys_table.py`` prints it; a test keeps the README equal to it)."""
    lines = ["| key | action |", "|---|---|"]
    for row in help_rows():
        if isinstance(row, str):
            lines.append(f"| **{row}** | |")
            continue
        keys, text = row
        spelled = " ".join(f"`{k}`" for k in keys.split(", ")) if keys[0] != "(" else keys
        lines.append(f"| {spelled} | {text} |")
    return "\n".join(lines)


def help_widgets() -> list[Static]:
    """The rows as grid cells: a heading spans both columns, a key sits left of its text.

    A two-column grid (keys ``auto`` wide, text ``1fr``) sizes the key column to its widest
    key — "(shown on the card)" no longer runs into its text — and wraps a long text under
    itself instead of under the keys.
    """
    cells: list[Static] = []
    for row in help_rows():
        if isinstance(row, str):
            cells.append(Static(Content.styled(row, "bold underline"), classes="help-heading"))
        else:
            keys, text = row
            cells.append(Static(Content.styled(keys, "bold $accent"), classes="help-keys"))
            cells.append(Static(Content(text), classes="help-text"))
    return cells


class HelpScreen(ModalScreen[None]):
    """Keys, grouped by where they apply; any of Escape, ``?``, F1 or ``q`` closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close")]

    DEFAULT_CSS = """
    HelpScreen #help-grid {
        grid-size: 2;
        grid-columns: auto 1fr;
        grid-rows: auto;
        grid-gutter: 0 2;
        height: auto;
    }
    HelpScreen .help-heading { column-span: 2; padding-top: 1; }
    HelpScreen .help-heading:first-child { padding-top: 0; }
    HelpScreen .help-keys { width: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("launcher-tui keys", "bold"), classes="title")
            with VerticalScroll():
                yield Grid(*help_widgets(), id="help-grid")
            yield Static(
                Content.styled("esc closes · mouse works too", "$text-muted"), classes="hint"
            )

    def action_close(self) -> None:
        self.dismiss(None)
