"""The apps launcher: every app grouped by group, with its status dot, filterable with ``/``;
then the bookmarks, grouped the same way, never polled (Enter copies the link).

Selecting an app (Enter or a click) opens :class:`~launcher_tui.screens.app_detail.AppDetail`
with its link. The status dot comes from the app's reachability check
(:mod:`launcher_tui.status_checker`) or its ``http`` integration; an app whose integration is
failing shows ``◆``; apps whose stored secret cannot be decrypted say "re-enter secret".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from launcher_tui.icons import shown_icon
from launcher_tui.services.bookmarks import BookmarkRecord
from launcher_tui.services.schemas import AppRecord
from widgets.layout import fit

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp

UNGROUPED = "Other"
DOTS = {
    "up": ("●", "$text-success"),
    "down": ("●", "$text-error"),
    "error": ("◆", "$text-warning"),
    "unknown": ("○", "$text-muted"),
}
"""Status column: reachable, unreachable, integration failing, not checked yet."""
NO_CHECK = ("·", "$text-muted")
"""Placeholder in the status column for apps without a check (names stay aligned)."""


def status_dot(app: AppRecord, status: str | None, failing: bool = False) -> tuple[str, str]:
    """The dot of one app: its check's answer; an integration in error shows ``◆`` while the
    URL answers; apps without a check (no URL, check off) get the placeholder."""
    checked = app.integration == "http" or (bool(app.url) and app.status_check)
    if failing and status != "down" and app.integration:
        return DOTS["error"]
    if not checked:
        return NO_CHECK
    return DOTS[status or "unknown"]


SECRET_WARNING = "⚠ re-enter secret"
GAP = 2
"""Cells between two columns of a row."""
NAME_MAX = 24
"""The name column never grows past this (a very long name is cut, not the whole list)."""
NAME_MIN = 12
"""At narrow widths the name shrinks to this before the URL is dropped."""
URL_MAX = 40
URL_MIN = 12
"""The URL column shrinks down to this before the integration column is dropped."""
DESCRIPTION_MIN = 12
"""A description gets shown only with at least this many cells left."""
ICON_MAX = 4


@dataclass(frozen=True)
class Columns:
    """Cell widths of the launcher's columns for one list (0: column left out)."""

    icon: int
    name: int
    url: int
    integration: int
    description: int


def integration_text(app: AppRecord) -> str:
    """What the integration column says: the integration id, or the secret warning."""
    if app.config_state in ("undecryptable", "corrupt"):
        return SECRET_WARNING
    return app.integration or ""


def bookmark_as_row(bookmark: BookmarkRecord) -> AppRecord:
    """A bookmark in the shape :func:`plan_columns` measures (no integration column)."""
    return AppRecord.model_construct(
        name=bookmark.name,
        url=bookmark.url,
        icon=bookmark.icon,
        description=bookmark.description,
        integration=None,
        config_state="none",
    )


def plan_columns(apps: Sequence[AppRecord], width: int) -> Columns:
    """Column widths so every row of ``apps`` lines up within ``width`` cells (pure).

    Each column is as wide as its widest entry (name and URL capped). When the row does not
    fit, the URL shrinks first (to :data:`URL_MIN`), then the integration goes, the name
    shrinks (to :data:`NAME_MIN`), the URL goes, and last the name is cut further; the
    description only takes what is left over.
    """
    icon = min(ICON_MAX, max((cell_len(shown_icon(a.icon)) for a in apps), default=0))
    name = min(NAME_MAX, max((cell_len(a.name) for a in apps), default=0))
    url = min(URL_MAX, max((cell_len(a.url) for a in apps), default=0))
    integration = max((cell_len(integration_text(a)) for a in apps), default=0)
    fixed = 2 + (icon + 1 if icon else 0)  # status dot and a space, icon and a space

    def used() -> int:
        return fixed + name + (GAP + url if url else 0) + (GAP + integration if integration else 0)

    if used() > width and url > URL_MIN:
        url = max(URL_MIN, url - (used() - width))
    if used() > width:
        integration = 0
    if used() > width and name > NAME_MIN:
        name = max(NAME_MIN, name - (used() - width))
    if used() > width:
        url = 0
    if used() > width:
        name = max(1, name - (used() - width))
    description = width - used() - GAP
    if description < DESCRIPTION_MIN or not any(a.description for a in apps):
        description = 0
    return Columns(icon, name, url, integration, description)


def cell(text: str | Content, width: int, style: str = "") -> Content:
    """``text`` cut to ``width`` cells (ellipsis) and padded to exactly ``width``."""
    content = fit(Content.styled(text, style) if isinstance(text, str) else text, width)
    return content.pad_right(width - content.cell_length)


def app_line(
    app: AppRecord, status: str | None, columns: Columns, *, failing: bool = False
) -> Content:
    """One launcher row in ``columns``: ``● 📺 Sonarr  https://…  sonarr  description``.

    Checked apps show their dot (``○`` until the first answer, see :func:`status_dot`); the
    others a muted placeholder, so every name starts in the same column. The URL is plain muted text:
    Enter opens the app's detail with the real (OSC 8) link — a link style here would carry
    a random link id into every snapshot.
    """
    dot, dot_style = status_dot(app, status, failing)
    parts: list[Content] = [Content.styled(dot, dot_style), Content(" ")]
    if columns.icon:
        parts += [cell(shown_icon(app.icon), columns.icon), Content(" ")]
    parts.append(cell(app.name, columns.name, "bold"))
    if columns.url:
        parts += [Content(" " * GAP), cell(app.url, columns.url, "$text-muted")]
    if columns.integration:
        text = integration_text(app)
        style = "$text-warning bold" if text == SECRET_WARNING else "$text-muted italic"
        parts += [Content(" " * GAP), cell(text, columns.integration, style)]
    if columns.description and app.description:
        parts += [Content(" " * GAP), cell(app.description, columns.description, "$text-muted")]
    return Content.assemble(*parts)


def bookmark_line(bookmark: BookmarkRecord, columns: Columns) -> Content:
    """One bookmark row, aligned like the apps: ``↗ GitHub  https://github.com  description``.

    Bookmarks are plain links, never polled: the dot column holds a muted arrow instead.
    """
    parts: list[Content] = [Content.styled("↗", "$text-muted"), Content(" ")]
    if columns.icon:
        parts += [cell(shown_icon(bookmark.icon), columns.icon), Content(" ")]
    parts.append(cell(bookmark.name, columns.name, "bold"))
    if columns.url:
        parts += [Content(" " * GAP), cell(bookmark.url, columns.url, "$text-muted")]
    if columns.description and bookmark.description:
        parts += [
            Content(" " * GAP),
            cell(bookmark.description, columns.description, "$text-muted"),
        ]
    return Content.assemble(*parts)


def bookmark_matches(bookmark: BookmarkRecord, needle: str) -> bool:
    """Case-insensitive match on name, group, URL and description."""
    hay = " ".join([bookmark.name, bookmark.group, bookmark.url, bookmark.description])
    return not needle or needle.lower() in hay.lower()


def bookmark_groups(
    bookmarks: Iterable[BookmarkRecord],
) -> list[tuple[str, list[BookmarkRecord]]]:
    """Bookmarks by group, in first-seen order (the ungrouped last)."""
    groups: dict[str, list[BookmarkRecord]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.group or UNGROUPED, []).append(bookmark)
    named = [(g, b) for g, b in groups.items() if g != UNGROUPED]
    return named + ([(UNGROUPED, groups[UNGROUPED])] if UNGROUPED in groups else [])


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


class AppList(OptionList):
    """The launcher's option list; tells its view when its own width changed.

    Rows are laid out for an exact width, and the list can be resized without its view being
    resized (a scrollbar appearing on an ancestor), which would leave rows planned for the old
    width.
    """

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class LauncherView(Vertical):
    """Filter input over a grouped, keyboard-driven list of apps (see module doc)."""

    DEFAULT_CSS = """
    LauncherView { height: 1fr; }
    LauncherView > #filter { margin: 0 0 0 0; }
    /* a stable gutter: rows are laid out for the content width, which must not change
       when the scrollbar comes and goes (that fires no resize to re-plan the columns) */
    LauncherView > OptionList { height: 1fr; border: none; scrollbar-gutter: stable; }
    """

    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("delete", "remove_app", "Remove"),
        Binding("c", "copy_url", "Copy URL"),
    ]

    class BookmarkChosen(Message):
        """Enter (or a click) on a bookmark."""

        def __init__(self, bookmark: BookmarkRecord) -> None:
            super().__init__()
            self.bookmark = bookmark

    class AppChosen(Message):
        """Enter (or a click) on an app."""

        def __init__(self, app_record: AppRecord) -> None:
            super().__init__()
            self.app_record = app_record

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.apps: list[AppRecord] = []
        self.bookmarks: list[BookmarkRecord] = []
        self._planned_width: int | None = None  # the row width the options were laid out for

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ to filter apps by name, group or URL", id="filter")
        yield AppList(id="apps")

    def on_mount(self) -> None:
        self.reload()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#apps", OptionList)

    def reload(self) -> None:
        """Re-read the apps from the store and redraw."""
        self.apps = self.launcher_app.services.apps.list()
        self.bookmarks = self.launcher_app.services.bookmarks.list()
        self.redraw()

    def redraw(self) -> None:
        """Rebuild the list from the current filter and statuses (keeps the highlight)."""
        options = self.option_list
        selected = self.selected
        needle = self.query_one("#filter", Input).value.strip()
        shown = [a for a in self.apps if matches(a, needle)]
        status = self.launcher_app.app_status
        failing = self.launcher_app.failing_apps()
        self._planned_width = self.row_width
        columns = plan_columns(shown, self._planned_width)
        items: list[Option] = []
        for group, apps in grouped(shown):
            items.append(Option(Content.styled(group, "bold $text-accent"), disabled=True))
            items += [
                Option(
                    app_line(a, status.get(a.id), columns, failing=a.id in failing),
                    id=f"app-{a.id}",
                )
                for a in apps
            ]
        marks = [b for b in self.bookmarks if bookmark_matches(b, needle)]
        mark_columns = plan_columns([bookmark_as_row(b) for b in marks], self._planned_width)
        for group, group_marks in bookmark_groups(marks):
            header = Content.assemble(("↗ ", "$text-muted"), (group, "bold $text-accent"))
            items.append(Option(header, disabled=True))
            items += [
                Option(bookmark_line(b, mark_columns), id=f"bookmark-{b.id}") for b in group_marks
            ]
        if not items:
            text = "No app matches the filter." if needle else "No apps yet: press a to add one."
            items.append(Option(Content.styled(text, "$text-muted"), disabled=True))
        options.clear_options()
        options.add_options(items)
        # the content width can still change without a resize (styles applied after mount)
        self.call_after_refresh(self._replan_if_width_changed)
        if selected is not None and f"app-{selected.id}" in {o.id for o in items}:
            options.highlighted = options.get_option_index(f"app-{selected.id}")
        else:
            first = next((i for i, o in enumerate(items) if o.id), None)
            options.highlighted = first

    @property
    def row_width(self) -> int:
        """Cells a row may use: the list's inner width less the options' padding."""
        width = self.option_list.scrollable_content_region.width
        return max(20, (width or 80) - 2)

    def on_resize(self) -> None:
        if self.is_mounted:
            self.redraw()

    def on_app_list_resized(self, event: AppList.Resized) -> None:
        event.stop()
        self._replan_if_width_changed()

    def _replan_if_width_changed(self) -> None:
        if self.is_mounted and self.row_width != self._planned_width:
            self.redraw()

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
            return
        mark = next((b for b in self.bookmarks if f"bookmark-{b.id}" == event.option.id), None)
        if mark is not None:
            self.post_message(self.BookmarkChosen(mark))

    def action_copy_url(self) -> None:
        """``c``: the selected app's URL to the clipboard (OSC 52, works over SSH)."""
        app = self.selected
        if app is None or not app.url:
            return
        self.app.copy_to_clipboard(app.url)
        self.notify(f"Copied {app.url}", title="Clipboard")

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
