"""The apps launcher: every app grouped by group, with its up/down dot, filterable with ``/``.

Selecting an app (Enter or a click) opens :class:`~launcher_tui.screens.app_detail.AppDetail`
with its link. The status dot comes from the app's ``http`` check when it has one (the app keeps
those alert endpoints subscribed in the background, see ``LauncherApp.watch_alerts``); apps whose
stored secret cannot be decrypted say "re-enter secret".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from launcher_tui.services.schemas import AppRecord

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp

UNGROUPED = "Other"
DOTS = {
    "up": ("●", "$success"),
    "down": ("●", "$error"),
    "unknown": ("○", "$text-muted"),
}


def matches(app: AppRecord, needle: str) -> bool:
    """Case-insensitive match on name, group, URL, description and integration."""
    if not needle:
        return True
    hay = " ".join([app.name, app.group, app.url, app.description, app.integration or ""])
    return needle.lower() in hay.lower()


def grouped(apps: Iterable[AppRecord]) -> list[tuple[str, list[AppRecord]]]:
    """Apps by group (groups in first-seen order, the ungrouped last)."""
    groups: dict[str, list[AppRecord]] = {}
    for app in apps:
        groups.setdefault(app.group or UNGROUPED, []).append(app)
    named = [(g, a) for g, a in groups.items() if g != UNGROUPED]
    return named + ([(UNGROUPED, groups[UNGROUPED])] if UNGROUPED in groups else [])


def app_line(app: AppRecord, status: str | None) -> Content:
    """``● 🌐 Name  https://url  (integration)`` with the status dot coloured."""
    dot, style = DOTS[status or "unknown"]
    parts: list[Content | tuple[str, str] | str] = [
        (f" {dot} " if app.integration == "http" else "   ", style),
        f"{app.icon} " if app.icon else "",
        (app.name, "bold"),
    ]
    if app.url:
        parts.append(("  " + app.url, "$text-muted"))
    if app.config_state in ("undecryptable", "corrupt"):
        parts.append(("  ⚠ re-enter secret", "$warning bold"))
    elif app.integration:
        parts.append((f"  · {app.integration}", "$text-muted italic"))
    return Content.assemble(*parts)


class LauncherView(Vertical):
    """Filter input over a grouped, keyboard-driven list of apps (see module doc)."""

    DEFAULT_CSS = """
    LauncherView { height: 1fr; }
    LauncherView > #filter { margin: 0 0 0 0; }
    LauncherView > OptionList { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("delete", "remove_app", "Remove app"),
    ]

    class AppChosen(Message):
        """Enter (or a click) on an app."""

        def __init__(self, app_record: AppRecord) -> None:
            super().__init__()
            self.app_record = app_record

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.apps: list[AppRecord] = []

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ to filter apps by name, group or URL", id="filter")
        yield OptionList(id="apps")

    def on_mount(self) -> None:
        self.reload()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#apps", OptionList)

    def reload(self) -> None:
        """Re-read the apps from the store and redraw."""
        self.apps = self.launcher_app.services.apps.list()
        self.redraw()

    def redraw(self) -> None:
        """Rebuild the list from the current filter and statuses (keeps the highlight)."""
        options = self.option_list
        selected = self.selected
        needle = self.query_one("#filter", Input).value.strip()
        shown = [a for a in self.apps if matches(a, needle)]
        status = self.launcher_app.app_status
        items: list[Option] = []
        for group, apps in grouped(shown):
            items.append(Option(Content.styled(group, "bold $accent"), disabled=True))
            items += [Option(app_line(a, status.get(a.id)), id=f"app-{a.id}") for a in apps]
        if not items:
            text = "No app matches the filter." if needle else "No apps yet: press a to add one."
            items.append(Option(Content.styled(text, "$text-muted"), disabled=True))
        options.clear_options()
        options.add_options(items)
        if selected is not None and f"app-{selected.id}" in {o.id for o in items}:
            options.highlighted = options.get_option_index(f"app-{selected.id}")
        else:
            first = next((i for i, o in enumerate(items) if o.id), None)
            options.highlighted = first

    @property
    def selected(self) -> AppRecord | None:
        """The highlighted app, if any."""
        options = self.query_one("#apps", OptionList)
        index = options.highlighted
        if index is None or index >= options.option_count:
            return None
        option_id = options.get_option_at_index(index).id
        return next((a for a in self.apps if f"app-{a.id}" == option_id), None)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((a for a in self.apps if f"app-{a.id}" == event.option.id), None)
        if chosen is not None:
            self.post_message(self.AppChosen(chosen))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        self.option_list.focus()

    def action_remove_app(self) -> None:
        app = self.selected
        if app is not None:
            self.launcher_app.confirm_remove_app(app)

    def focus_list(self) -> None:
        self.option_list.focus()
