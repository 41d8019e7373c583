"""Keys as a fast typist sends them: all at once, with no pause for the app between them.

``pilot.press`` waits for the app to go idle after every key, which hides every race a real
burst (a paste, a password manager's auto-type, someone typing ahead of a form) runs into.
:func:`burst` hands the keys to the driver in one go, exactly as a terminal read would; the
test then waits on the outcome (a field's value), never on time.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key

NAMED_CHARACTERS = {"tab": "\t", "enter": "\r", "space": " "}


def key_event(key: str) -> events.Key:
    """The event a terminal produces for ``key`` (a character, or a name such as ``tab``)."""
    if len(key) == 1:
        name = key if key.isalnum() else _character_to_key(key)
        return events.Key(name, key)
    return events.Key(key, NAMED_CHARACTERS.get(key))


def burst(app: Any, *keys: str) -> None:
    """Send ``keys`` to the running app in one go (no waiting between them)."""
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)


def paste(app: Any, text: str) -> None:
    """A bracketed paste of ``text`` (what a terminal sends for Ctrl+Shift+V)."""
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)
