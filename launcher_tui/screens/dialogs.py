"""Small modal dialogs: a yes/no confirmation and a one-line text prompt.

Both are ``ModalScreen[T]`` that ``dismiss`` their answer to the ``push_screen`` callback (or to
``push_screen_wait`` in a worker); Escape always means "no" / "cancel".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static


def focus_first_error(screen: Widget | ModalScreen[object], body: VerticalScroll) -> bool:
    """Focus the first field showing an error and scroll it, message included, into view.

    A form's fields sit in ``.form-field`` boxes (label, input, help, ``.field-error``). Focusing
    the input alone would only reveal the input: the message under it (e.g. "Required" under
    the last option of a long form) would stay below the fold and Ctrl+S would look dead.
    Returns whether a field was found.
    """
    shown = [e for e in screen.query(".field-error.-shown") if body in e.ancestors]
    if not shown:
        return False
    field = shown[0].parent
    if field is None:
        return False
    inputs = [w for w in field.query("Input, Select, Switch") if w.focusable]
    if inputs:
        inputs[0].focus(scroll_visible=False)
    # after the next refresh: the message just shown must be laid out before scrolling
    screen.call_after_refresh(body.scroll_to_widget, field, animate=False)
    return True


class ConfirmScreen(ModalScreen[bool]):
    """Ask a question; ``True`` for yes. The safe answer (No) has the focus."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", danger: bool = True) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.yes_label} (y)",
                    variant="error" if self.danger else "primary",
                    id="yes",
                    compact=True,
                )
                yield Button("No (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text (a board name); ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt_title, classes="question", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", compact=True)
            yield Static("", id="prompt-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button("OK", variant="primary", id="ok", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        text = self.query_one("#prompt-input", Input).value.strip()
        if not text:
            error = self.query_one("#prompt-error", Static)
            error.update("Required")
            error.add_class("-shown")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
