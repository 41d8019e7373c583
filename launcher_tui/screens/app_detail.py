"""One app, opened from the launcher: its link, copy-to-clipboard, and (locally) open.

Over SSH, opening a browser on the *server* is not what anybody wants: the URL is shown as an
OSC 8 hyperlink (the person's terminal opens it on their machine) and ``c`` copies it with OSC 52.
"Open in browser" is offered only when this process has a local display and is not in an SSH
session (:func:`has_local_display`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Button, Static

from integrations.sanitize import clean_text
from launcher_tui.icons import shown_icon
from launcher_tui.services.schemas import AppRecord

STATUS_TEXT = {
    "up": ("● up", "$success bold"),
    "down": ("● down", "$error bold"),
}


def has_local_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """A browser opened by this process would appear in front of the person."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        return False
    return platform == "darwin" or bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def link(url: str, text: str | None = None) -> Content:
    """An OSC 8 hyperlink (the terminal makes it clickable; markup-safe for any URL)."""
    target = clean_text(url)  # the link target is written inside an OSC 8 sequence
    return Content(text or url).stylize(Style(link=target))


def detail_content(app: AppRecord, status: str | None) -> Content:
    """Name line, URL link, group/integration/status lines and the description."""
    lines: list[Content] = [
        Content.styled(f"{icon + ' ' if (icon := shown_icon(app.icon)) else ''}{app.name}", "bold"),
    ]
    if app.url:
        lines.append(Content.assemble(("URL          ", "$text-muted"), link(app.url)))
    if app.group:
        lines.append(Content.assemble(("Group        ", "$text-muted"), app.group))
    if app.integration:
        lines.append(Content.assemble(("Integration  ", "$text-muted"), app.integration))
    if status in STATUS_TEXT:
        lines.append(Content.assemble(("Status       ", "$text-muted"), STATUS_TEXT[status]))
    if app.config_state in ("undecryptable", "corrupt"):
        lines.append(Content.styled(f"⚠ {app.config_message} (press e)", "$warning bold"))
    if app.description:
        lines += [Content(""), Content(app.description)]
    return Content("\n").join(lines)


class AppDetail(ModalScreen[str | None]):
    """Dismisses with ``"edit"`` when the person wants to edit the app, else ``None``."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("c", "copy", "Copy URL"),
        Binding("o", "open", "Open in browser"),
        Binding("e", "edit", "Edit"),
    ]

    def __init__(self, app_record: AppRecord, status: str | None = None) -> None:
        super().__init__()
        self.record = app_record
        self.status = status
        self.local = has_local_display()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(detail_content(self.record, self.status), id="detail")
            yield Static("", id="detail-note", classes="hint")
            with Horizontal(classes="buttons"):
                if self.record.url:
                    yield Button("Copy URL (c)", variant="primary", id="copy", compact=True)
                    if self.local:
                        yield Button("Open in browser (o)", id="open", compact=True)
                yield Button("Edit (e)", id="edit", compact=True)
                yield Button("Close (esc)", id="close", compact=True)

    def on_mount(self) -> None:
        if not self.local and self.record.url:
            self.query_one("#detail-note", Static).update(
                Content.styled(
                    "Click the link in a terminal that supports it, or copy the URL.",
                    "$text-muted italic",
                )
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.local and bool(self.record.url)
        if action == "copy":
            return bool(self.record.url)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        getattr(self, f"action_{event.button.id or 'close'}")()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.record.url)
        self.notify(f"Copied {self.record.url}", title="Clipboard")

    def action_open(self) -> None:
        if self.local and self.record.url:
            self.app.open_url(self.record.url)

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_close(self) -> None:
        self.dismiss(None)
