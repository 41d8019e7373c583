"""The base of the app's forms: type-ahead, plus staying readable in an 80x24 window.

At 80x24 a form's dialog fills the screen, and Textual's toasts (docked at the bottom right)
sat on the Save/Test buttons. A form therefore shows notifications itself, in a line above
its buttons, and has no toast rack of its own; once it closes, the board's toasts show
whatever has not expired yet.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.content import Content
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Select, Static
from textual.widgets._select import SelectOverlay
from textual.widgets._toast import ToastRack

from launcher_tui.screens.form_view import fit_picker
from launcher_tui.screens.typeahead import TypeAheadForm

ResultT = TypeVar("ResultT")
SEVERITY_STYLES = {
    "information": ("✔ ", "$text-success"),
    "warning": ("⚠ ", "$text-warning"),
    "error": ("✖ ", "$text-error"),
}
"""How a notification's severity reads in the form's notice line."""


def notice_content(message: str, title: str, severity: str) -> Content:
    """``✔ Title: message`` in the severity's colour (the texts are data, never markup)."""
    mark, style = SEVERITY_STYLES.get(severity, SEVERITY_STYLES["information"])
    head = f"{mark}{title}: " if title else mark
    return Content.assemble((head, f"{style} bold"), message)


class FormNotice(Static):
    """The form's latest notification, above its buttons (hidden when there is none)."""

    DEFAULT_CSS = """
    FormNotice { height: auto; max-height: 3; display: none; }
    FormNotice.-shown { display: block; }
    """


class FormScreen(TypeAheadForm[ResultT]):
    """A form dialog (``.dialog`` with a ``.buttons`` row) that shows notifications inside."""

    _notice_timer: Timer | None = None

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """Textual adds a toast rack to every screen; a form gets none, so not even a toast
        raised while it opens can land on its buttons (see the module doc)."""
        super()._extend_compose(widgets)
        widgets[:] = [w for w in widgets if not isinstance(w, ToastRack)]

    async def on_mount(self) -> None:
        # runs after the form's own on_mount (Textual calls each class's handler)
        for rack in self.query_children(ToastRack):  # should Textual add it another way
            await rack.remove()
        try:
            buttons = self.query_one(".dialog > .buttons")
        except NoMatches:
            return
        await buttons.parent.mount(FormNotice(id="form-notice"), before=buttons)  # type: ignore[union-attr]
        # what was raised before the notice line existed (the form was opening) shows now
        pending = [n for n in getattr(self.app, "_notifications", ()) if not n.has_expired]
        if pending:
            latest = max(pending, key=lambda n: n.raised_at)
            self.show_notice(latest.message, latest.title, latest.severity, latest.time_left)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A picker's list just opened (it takes the focus): keep it inside the dialog."""
        overlay = event.widget
        select = overlay.parent
        if isinstance(overlay, SelectOverlay) and isinstance(select, Select):
            dialog = next((a for a in select.ancestors if a.has_class("dialog")), None)
            if dialog is not None:
                fit_picker(overlay, select, dialog)

    def show_notice(
        self, message: str, title: str = "", severity: str = "information", timeout: float = 5
    ) -> None:
        """Show a notification in the form (the app's ``notify`` calls this) for ``timeout``."""
        try:
            notice = self.query_one(FormNotice)
        except NoMatches:
            return
        notice.update(notice_content(message, title, severity))
        notice.add_class("-shown")
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self._notice_timer = self.set_timer(max(timeout, 0.1), self._clear_notice)

    def _clear_notice(self) -> None:
        for notice in self.query(FormNotice):
            notice.update("")
            notice.remove_class("-shown")
