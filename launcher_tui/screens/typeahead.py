"""Type-ahead for forms: keys typed while a form opens, or in a burst, land in the right field.

Textual routes each key to the widget focused *when the app reads the key*. Two things break
that for someone typing fast (or pasting, or a password manager's auto-type):

* a form needs a moment to mount and focus its first field; the keys that arrive meanwhile
  go to the bare screen and are lost;
* ``Tab`` moves the focus only when the focused input *handles* it, after the keys behind it
  were already routed to the old field: ``Downloads<Tab>http://…`` ends up in one field;
* a key bound by the input (Backspace, Home, Ctrl+K, Enter) travels up to the app and back
  before it acts, so the characters typed after it overtake it: ``ab<Backspace>c`` read "ac"
  or "abc" depending on the machine's load.

:class:`TypeAhead` sits in front of the app's event routing. While a :class:`TypeAheadForm` is
not ready it holds every key and paste, in order; the form calls
:meth:`TypeAheadForm.typeahead_ready` once its first field has the focus, and the held events
are replayed on the app's own queue (so nothing typed later overtakes them). ``Tab`` and
``Shift+Tab`` in a form move the focus right away, before the next key is routed, and a key
bound by the focused field runs its action in that field's own queue, behind the characters
typed before it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Switch

from launcher_tui.render_cache import release_removed_widgets
from launcher_tui.screens.form_view import show_field

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

ResultT = TypeVar("ResultT")
FOCUS_KEYS = {"tab": 1, "shift+tab": -1}
"""Keys that move the focus in a form, and which way."""
FIELD_TYPES = (Input, Select, Switch, Button)
"""Focused widgets whose Tab we move ourselves (an open Select list keeps its own keys)."""


class TypeAheadForm(ModalScreen[ResultT]):
    """A form screen whose keys are held until its first field has the focus."""

    typeahead_is_ready = False

    def typeahead_ready(self, first: Widget) -> None:
        """Focus ``first`` now and let the held keys through (call at the end of mounting).

        The field is shown with its label: Textual's own scroll-to-focus centres the field,
        which at 80x24 put the first label above the fold (see :mod:`form_view`).
        """
        self.set_focus(first, scroll_visible=False)
        self.call_after_refresh(show_field, first)
        self.typeahead_is_ready = True
        self._release()

    def on_unmount(self) -> None:
        self._release()  # a form closed before it was ready must not keep the keys
        # Once the screen below is drawn again, nothing draws this form's widgets any more:
        # let Textual forget them (see launcher_tui.render_cache).
        self.app.call_after_refresh(release_removed_widgets)

    def _release(self) -> None:
        typeahead = getattr(self.app, "typeahead", None)
        if isinstance(typeahead, TypeAhead):
            self.app.call_later(typeahead.release)


class TypeAhead:
    """The app's key gate (see the module docstring); the app calls :meth:`take` first."""

    def __init__(self, app: App[object], route: Callable[[events.Event], Awaitable[None]]) -> None:
        """Args:
        app: the running app (its current screen and focus decide).
        route: Textual's own routing of an event (the app's ``on_event`` of its base class).
        """
        self.app = app
        self.route = route
        self.held: list[events.Event] = []

    def _holding(self) -> bool:
        screen = self.app.screen
        return bool(self.held) or (
            isinstance(screen, TypeAheadForm) and not screen.typeahead_is_ready
        )

    async def take(self, event: events.Event) -> bool:
        """Hold or route ``event`` ourselves; ``False`` leaves it to Textual."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            return False
        if self._holding():
            self.held.append(event)
            return True
        return self._move_focus(event) or self._run_field_binding(event)

    async def release(self) -> None:
        """Replay the held events in order (runs on the app's queue)."""
        screen = self.app.screen
        if isinstance(screen, TypeAheadForm) and not screen.typeahead_is_ready:
            return  # another form is opening: it releases when ready
        while self.held:
            event = self.held.pop(0)
            if not (self._move_focus(event) or self._run_field_binding(event)):
                await self.route(event)
            if (
                isinstance(self.app.screen, TypeAheadForm)
                and not self.app.screen.typeahead_is_ready
            ):
                return  # a held key opened a form: the rest waits for that one

    def _run_field_binding(self, event: events.Event) -> bool:
        """A key the focused field binds itself: act in the field's queue, in typing order."""
        screen = self.app.screen
        field = screen.focused
        if not isinstance(event, events.Key) or not isinstance(screen, TypeAheadForm):
            return False
        if field is None:
            return False
        for key in event.aliases:
            for binding in field._bindings.key_to_bindings.get(key, ()):
                if not binding.priority:
                    field.call_later(self.app.run_action, binding.action, field)
                    return True
        return False

    def _move_focus(self, event: events.Event) -> bool:
        """Tab in a form: move the focus before the next key is routed."""
        screen = self.app.screen
        if not isinstance(event, events.Key) or event.key not in FOCUS_KEYS:
            return False
        if not isinstance(screen, TypeAheadForm) or not isinstance(screen.focused, FIELD_TYPES):
            return False
        if isinstance(screen.focused, Select) and screen.focused.expanded:
            return False
        if FOCUS_KEYS[event.key] > 0:
            screen.focus_next()
        else:
            screen.focus_previous()
        return True
