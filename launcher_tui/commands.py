"""The one command table of the dashboard: keys, footer, command palette and help all read it.

Every thing a person can do from the keyboard is a :class:`Command` here, so a key can never be
bound without appearing in the help screen, and the palette (Ctrl+P) offers exactly the same
actions. ``action`` is a Textual action name on :class:`launcher_tui.app.LauncherApp`
(``"add_app"`` runs ``action_add_app``); ``scope`` says where the key applies, which the help
screen uses to group keys and the app uses to disable a key where it means nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Scope = Literal["global", "board", "card", "launcher"]


@dataclass(frozen=True)
class Command:
    """One action: identity, how it is shown, its key(s) and the app action it runs."""

    id: str
    title: str
    key: str
    description: str
    action: str
    scope: Scope = "global"
    footer: bool = False
    """Shown in the footer (the few keys a newcomer needs)."""
    palette: bool = True
    """Offered in the command palette (key-only moves such as focus arrows are not)."""
    key_display: str | None = None
    opens_form: bool = False
    """Opens a form at once, ahead of the keys typed after it (see :mod:`~launcher_tui.screens.typeahead`)."""

    @property
    def keys_text(self) -> str:
        """How the key reads in help, footer, palette and README: ``shift+left`` →
        ``shift+←``; a capital letter reads as itself (``R``, never ``shift+r``)."""
        if self.key_display:
            return self.key_display
        return ", ".join(_pretty(k) for k in self.key.split(","))


_ARROWS = {"left": "←", "right": "→", "up": "↑", "down": "↓"}


def _pretty(key: str) -> str:
    parts = key.split("+")
    return "+".join(_ARROWS.get(p, p) for p in parts)


COMMANDS: tuple[Command, ...] = (
    # -- global ---------------------------------------------------------------------------------
    Command(
        "add_app",
        "Add app",
        "a",
        "Add an app (launcher entry, optionally with an integration).",
        "add_app",
        footer=True,
        opens_form=True,
    ),
    Command(
        "add_widget",
        "Add widget",
        "w",
        "Put an app's data on the current board.",
        "add_widget",
        footer=True,
        opens_form=True,
    ),
    Command(
        "launcher",
        "Apps",
        "l",
        "Show the apps launcher (or go back to the boards).",
        "toggle_launcher",
        footer=True,
    ),
    Command(
        "next_board",
        "Next board",
        "right_square_bracket",
        "Switch to the next board.",
        "next_board",
        key_display="]",
    ),
    Command(
        "prev_board",
        "Previous board",
        "left_square_bracket",
        "Switch to the previous board.",
        "prev_board",
        key_display="[",
    ),
    Command(
        "refresh_all",
        "Refresh all",
        "R",
        "Fetch everything shown now, ignoring the cache.",
        "refresh_all",
    ),
    Command(
        "find",
        "Find an app",
        "slash",
        "Find an app by typing: the launcher with its filter (Ctrl+P finds apps and boards too).",
        "find",
        key_display="/",
    ),
    Command("add_board", "Add board", "b", "Create a new board.", "add_board"),
    Command("rename_board", "Rename board", "f2", "Rename the current board.", "rename_board"),
    Command(
        "remove_board",
        "Remove board",
        "D",
        "Delete the current board and its widgets (asks first).",
        "remove_board",
    ),
    Command("theme", "Theme", "T", "Pick a colour theme.", "change_theme"),
    Command(
        "acknowledge_alert",
        "Acknowledge alert",
        "A",
        "Hide the first critical alert from the banner until its condition clears.",
        "acknowledge_alert",
    ),
    Command(
        "alert_history",
        "Alert history",
        "H",
        "The last 50 alerts raised and cleared, and which are acknowledged.",
        "alert_history",
    ),
    Command(
        "board_columns",
        "Board columns",
        "C",
        "Set how many columns the current board's grid has.",
        "board_columns",
    ),
    Command(
        "toggle_clock",
        "Header clock",
        "ctrl+k",
        "Show or hide the clock and date in the header (remembered).",
        "toggle_clock",
    ),
    Command(
        "help",
        "Help",
        "question_mark,f1",
        "Show every key.",
        "help",
        footer=True,
        key_display="?, f1",
    ),
    Command("quit", "Quit", "q", "Leave launcher-tui.", "quit", footer=True),
    # -- on a focused card ----------------------------------------------------------------------
    Command(
        "edit_widget",
        "Edit card",
        "e",
        "Edit the focused card: title, options, refresh, size (in the launcher: the app).",
        "edit_widget",
        scope="card",
    ),
    Command(
        "edit_app",
        "Edit app",
        "E",
        "Edit the app of the focused card (or the selected app).",
        "edit_app",
        scope="card",
    ),
    Command(
        "remove_widget",
        "Remove widget",
        "delete,x",
        "Remove the focused card (asks first).",
        "remove_widget",
        scope="card",
        key_display="del, x",
    ),
    Command(
        "move_left",
        "Move widget left",
        "shift+left",
        "Move the focused card one column left.",
        "move_widget(-1, 0)",
        scope="card",
        palette=False,
    ),
    Command(
        "move_right",
        "Move widget right",
        "shift+right",
        "Move the focused card one column right.",
        "move_widget(1, 0)",
        scope="card",
        palette=False,
    ),
    Command(
        "move_up",
        "Move widget up",
        "shift+up",
        "Move the focused card one row up.",
        "move_widget(0, -1)",
        scope="card",
        palette=False,
    ),
    Command(
        "move_down",
        "Move widget down",
        "shift+down",
        "Move the focused card one row down.",
        "move_widget(0, 1)",
        scope="card",
        palette=False,
    ),
    Command(
        "wider",
        "Widen widget",
        "ctrl+right,plus",
        "Make the focused card one column wider.",
        "resize_widget(1, 0)",
        scope="card",
        key_display="ctrl+→, +",
    ),
    Command(
        "narrower",
        "Narrow widget",
        "ctrl+left,minus",
        "Make the focused card one column narrower.",
        "resize_widget(-1, 0)",
        scope="card",
        key_display="ctrl+←, -",
    ),
    Command(
        "taller",
        "Taller widget",
        "ctrl+down",
        "Make the focused card one row taller.",
        "resize_widget(0, 1)",
        scope="card",
        palette=False,
    ),
    Command(
        "shorter",
        "Shorter widget",
        "ctrl+up",
        "Make the focused card one row shorter.",
        "resize_widget(0, -1)",
        scope="card",
        palette=False,
    ),
    Command(
        "focus_left",
        "Card to the left",
        "left",
        "Focus the card to the left.",
        "focus_card('left')",
        scope="card",
        palette=False,
    ),
    Command(
        "focus_right",
        "Card to the right",
        "right",
        "Focus the card to the right.",
        "focus_card('right')",
        scope="card",
        palette=False,
    ),
    Command(
        "focus_up",
        "Card above",
        "up",
        "Focus the card above.",
        "focus_card('up')",
        scope="card",
        palette=False,
    ),
    Command(
        "focus_down",
        "Card below",
        "down",
        "Focus the card below.",
        "focus_card('down')",
        scope="card",
        palette=False,
    ),
)
"""Every command, in help-screen order."""

CARD_KEYS: tuple[tuple[str, str], ...] = (
    ("r", "Refresh this card now"),
    ("pgup, pgdn", "Scroll a long list"),
    ("(shown on the card)", "The integration's actions, e.g. p Pause all (asks first)"),
)
"""Keys the cards themselves answer (defined by the widget, listed in help)."""

LAUNCHER_KEYS: tuple[tuple[str, str], ...] = (
    ("/", "Filter apps by name, group or URL"),
    ("enter", "Open the app: link, copy URL, open in browser"),
    ("c", "Copy the selected app's URL (OSC 52, works over SSH)"),
    ("e", "Edit the selected app"),
    ("del", "Remove the selected app (asks first)"),
    ("esc", "Clear the filter / back to the list"),
)
"""Keys of the launcher view (defined there, listed in help)."""

FORM_KEYS: tuple[tuple[str, str], ...] = (
    ("ctrl+s", "Save the form (a refused field gets the focus, its message shown)"),
    ("ctrl+t", "App form: test the connection with the settings as typed (never saves)"),
    ("ctrl+o", "Card editor: leave for the card's app form"),
    ("tab, shift+tab", "Next / previous field (typing ahead is safe: keys wait for the form)"),
    ("esc", "Cancel"),
)
"""Keys of the app and widget forms (defined there, listed in help)."""

KEY_WORDS = {
    "[": "left bracket",
    "]": "right bracket",
    "?": "question mark",
    "/": "slash",
    "+": "plus",
    "-": "minus",
    "←": "left",
    "→": "right",
    "↑": "up",
    "↓": "down",
    "del": "delete",
}
"""How a key is said in words where symbols read badly (the palette's "[]]")."""


def key_words(keys_text: str) -> str:
    """``]`` → ``right bracket``; ``ctrl+→, +`` → ``ctrl+right or plus``."""
    spoken = []
    for key in keys_text.split(", "):
        parts = [KEY_WORDS.get(p, p) for p in (key.split("+") if len(key) > 1 else [key])]
        spoken.append("+".join(parts))
    return " or ".join(spoken)


def command(command_id: str) -> Command:
    """The command with that id (``KeyError`` for an unknown one)."""
    for cmd in COMMANDS:
        if cmd.id == command_id:
            return cmd
    raise KeyError(command_id)


FORM_ACTIONS = frozenset(c.action for c in COMMANDS if c.opens_form)
"""Actions of keys that open a form (priority keys: the app must not run them inside inputs)."""


def bindings() -> list[Binding]:
    """The app's BINDINGS, generated from the table (the footer shows ``footer`` ones)."""
    return [
        Binding(
            cmd.key,
            cmd.action,
            cmd.title,
            show=cmd.footer,
            key_display=cmd.key_display.split(",")[0] if cmd.key_display else None,
            id=cmd.id,
            # card keys must beat the board's own scrolling arrows; check_action disables them
            # whenever no card has the focus, so they never steal keys from inputs or lists
            # a key that opens a form is handled when the app reads it, before the keys typed
            # after it are routed (those wait for the form); check_action keeps it off inputs
            priority=cmd.scope == "card" or cmd.opens_form,
        )
        for cmd in COMMANDS
    ]
