"""The card that wraps one renderer on a board: title, loading/error/stale states, keys.

The card never fetches. The refresh coordinator calls :meth:`IntegrationWidget.show_loading`,
:meth:`~IntegrationWidget.show_entry` and :meth:`~IntegrationWidget.show_error`; the card
answers key presses with messages (:class:`IntegrationWidget.RefreshRequested` for ``r``,
:class:`IntegrationWidget.ActionRequested` for an action's key) that the app handles
(confirmation, running the action, forcing a fetch).

States, mirrored as CSS classes on the card:

* ``-loading``: nothing fetched yet — a LoadingIndicator.
* ``-ready``: the renderer shows data; the bottom line says "updated just now" / "… 2 min ago":
  the time of the last successful check (changed or not), coarse so it is redrawn only when
  its words change, by one app-wide ticker (:mod:`widgets.age_ticker`) rather than a timer
  per card.
* ``-stale``: the last refresh failed but there is older data — the data stays, the bottom
  line becomes a stale badge ("⚠ stale, 2 min ago · Cannot connect"), border in warning.
* ``-error``: a failure with no data to fall back on — the error's title, message and hint.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static

from integrations.base import Action, Endpoint
from integrations.models import FetchResult, RendererKind
from integrations.sanitize import clean_text
from launcher_tui.backoff import PAUSED_TEXT, retry_text
from launcher_tui.cache import CacheEntry
from widgets.age_ticker import AgeTicker, check_age
from widgets.alert_banner import AlertBanner
from widgets.chart import Chart
from widgets.contain import RendererError, RenderFailed
from widgets.format import format_age
from widgets.gauge import Gauge
from widgets.item_list import ItemList
from widgets.levels import LEVEL_ICON
from widgets.progress import ProgressList
from widgets.stat_card import StatCard
from widgets.texts import error_text

CardState = Literal["loading", "ready", "stale", "error"]

RENDERERS: dict[RendererKind, type[Widget]] = {
    RendererKind.STAT: StatCard,
    RendererKind.GAUGE: Gauge,
    RendererKind.LIST: ItemList,
    RendererKind.PROGRESS: ProgressList,
    RendererKind.ALERT: AlertBanner,
    RendererKind.CHART: Chart,
}
"""Renderer class per kind; every class takes ``data`` and has a typed ``data`` reactive."""

REFRESH_KEY = "r"
"""Key for a manual refresh; an integration action bound to it is ignored (refresh wins)."""


def renderer_for(kind: RendererKind | str, **kwargs: Any) -> Widget:
    """A new renderer widget for ``kind`` (keyword args go to its constructor)."""
    return RENDERERS[RendererKind(kind)](**kwargs)


def describe_error(error: BaseException) -> tuple[str, str, str]:
    """``(title, message, hint)`` for any exception (typed errors carry code and hint)."""
    code = getattr(error, "code", "error")
    hint = getattr(error, "hint", "")
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    # error texts quote services and exceptions: control characters shown, never sent
    return (
        error_text(code).title,
        clean_text(message, multiline=True),
        clean_text(hint, multiline=True),
    )


def error_content(error: BaseException, note: str = "") -> Content:
    """The error state's text: ``✖ title``, a ``note`` (polling paused: what brings it back),
    the message and the hint (muted)."""
    title, message, hint = describe_error(error)
    parts: list[Content] = [Content.styled(f"{LEVEL_ICON['critical']} {title}", "$error bold")]
    if note:  # right under the title: a small card must not cut it off
        parts.append(Content.styled(note, "$warning bold"))
    parts.append(Content(message))
    if hint:
        parts.append(Content.styled(hint, "$text-muted italic"))
    return Content("\n").join(parts)


def status_line(
    state: CardState,
    age: float | None,
    error: BaseException | None,
    refreshing: bool,
    retry: str = "",
) -> tuple[Content, float]:
    """The card's bottom line, and the seconds until the clock alone could change its words.

    The line: freshness, a stale badge, or a refresh in progress; ``retry`` says when a failing
    card is tried again ("retrying in 1m 40s"), or that it is not. The seconds: between two
    events (data, error, refresh) only the clock changes the line, so a countdown or an age in
    seconds changes every second, "updated just now" / "… min ago" at the next whole minute of
    its age, and a line without a time in it never (``math.inf``). The age ticker leaves a card
    alone until then (issue #11: recomputing 20 lines a second was a quarter of a quiet board's
    CPU). One function for both, so the two cannot disagree about which line is shown.
    """
    if state == "stale" and error is not None:
        if retry == PAUSED_TEXT:  # the whole line for what matters: how to resume
            return Content.styled(f"{LEVEL_ICON['warning']} {retry}", "$warning bold"), math.inf
        title = describe_error(error)[0]
        when = f", {format_age(age)}" if age is not None else ""
        tail = f" · {retry}" if retry else ""
        line = Content.styled(
            f"{LEVEL_ICON['warning']} stale{when} · {title}{tail}", "$warning bold"
        )
        return line, 1.0 if age is None else 1.0 - age % 1.0  # seconds in the age or countdown
    if state == "error" and retry and retry != PAUSED_TEXT and not refreshing:
        return Content.styled(retry, "$text-muted italic"), 1.0  # (paused: said in the body)
    if refreshing:
        return Content.styled("refreshing…", "$text-muted italic"), math.inf
    if state == "ready" and age is not None:
        return Content.styled(f"updated {check_age(age)}", "$text-muted"), 60.0 - age % 60.0
    return Content(""), math.inf


def status_content(
    state: CardState,
    age: float | None,
    error: BaseException | None,
    refreshing: bool,
    retry: str = "",
) -> Content:
    """The line of :func:`status_line`."""
    return status_line(state, age, error, refreshing, retry)[0]


def status_wakeup(
    state: CardState, age: float | None, error: BaseException | None, refreshing: bool, retry: str
) -> float:
    """The seconds of :func:`status_line`: how long its words hold."""
    return status_line(state, age, error, refreshing, retry)[1]


def card_title(app_name: str, endpoint_name: str) -> str:
    """``Queue · Sonarr``, or just ``Queue`` without an app name (markup-escaped).

    The endpoint leads: it is what differs between the cards of one app, and a narrow card
    cuts the app name, not the data's name. A board whose cards all come from one app drops
    the repeated app name (see ``BoardView``).
    """
    return escape(f"{endpoint_name} · {app_name}" if app_name else endpoint_name)


def actions_subtitle(actions: Sequence[Action]) -> str:
    """Border subtitle listing the keys: ``r refresh · p Pause all`` (markup-escaped)."""
    keys = [f"{REFRESH_KEY} refresh"]
    keys += [f"{a.key} {a.label}" for a in actions if a.key and a.key != REFRESH_KEY]
    return escape(" · ".join(keys))


class StatusLine(Widget):
    """The card's bottom line: repainted (never re-laid out) and only when its text changes.

    ``Static.update`` refreshes the layout of the whole screen; a one-line docked status of a
    fixed height never changes anyone's geometry, so a repaint of this line is enough.
    """

    DEFAULT_CSS = "StatusLine { width: 1fr; height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")

    def render(self) -> Content:
        return self._content

    def show(self, content: Content) -> bool:
        """Show ``content``; returns whether anything changed (and was repainted)."""
        old = self._content
        if content.plain == old.plain and content.spans == old.spans:
            return False
        self._content = content
        self.refresh()
        return True


class IntegrationWidget(Widget, can_focus=True):
    """A focusable card showing one app endpoint through its renderer (see module doc)."""

    DEFAULT_CSS = """
    IntegrationWidget {
        width: 1fr;
        height: 1fr;
        min-height: 4;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    IntegrationWidget:focus { border: round $primary; }
    IntegrationWidget.-stale { border: round $warning; }
    IntegrationWidget.-error { border: round $error; }
    IntegrationWidget > #status { dock: bottom; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    IntegrationWidget > #error { display: none; height: auto; }
    IntegrationWidget > LoadingIndicator { display: none; height: 1fr; }
    IntegrationWidget.-loading > LoadingIndicator { display: block; }
    IntegrationWidget.-loading > .renderer { display: none; }
    IntegrationWidget.-error > #error { display: block; }
    IntegrationWidget.-error > .renderer { display: none; }
    """

    BINDINGS = [
        Binding(REFRESH_KEY, "refresh", "Refresh"),
        Binding("pageup", "scroll_renderer(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_renderer(1)", "Scroll down", show=False),
        Binding("home", "scroll_renderer(-1000000)", "Top", show=False),
        Binding("end", "scroll_renderer(1000000)", "Bottom", show=False),
    ]

    class RefreshRequested(Message):
        """The person asked to refresh this card now (``r``); force a fetch of its endpoint."""

        def __init__(self, widget: IntegrationWidget) -> None:
            super().__init__()
            self.widget = widget
            """The card that asked."""

        @property
        def app_id(self) -> str:
            return self.widget.app_id

        @property
        def endpoint_id(self) -> str:
            return self.widget.endpoint.id

    class ActionRequested(Message):
        """The person pressed an action's key; confirm with ``action.confirm``, then run it."""

        def __init__(self, widget: IntegrationWidget, action: Action) -> None:
            super().__init__()
            self.widget = widget
            """The card whose key was pressed."""
            self.action = action
            """The integration action to run."""

        @property
        def app_id(self) -> str:
            return self.widget.app_id

    state: reactive[CardState] = reactive[CardState]("loading")
    """Which face the card shows; set through the ``show_*`` methods, not directly."""
    refreshing: reactive[bool] = reactive(False)
    """A fetch is in flight while data is already shown (``show_loading`` after data)."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        app_name: str,
        app_id: str = "",
        actions: Sequence[Action] = (),
        clock: Callable[[], float] = time.time,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args:
        endpoint: what this card shows (its ``kind`` picks the renderer, ``name`` the title).
        app_name: the app's display name, first part of the title and of alert sources.
        app_id: the app's store id, carried on messages so the app knows what to refresh.
        actions: the integration's actions; those with a ``key`` get a key on this card.
        clock: wall clock for the "updated … ago" line (tests pass a fake one).
        """
        super().__init__(name=name, id=id, classes=classes)
        self.endpoint = endpoint
        self.app_name = app_name
        self.app_id = app_id
        self.actions = tuple(actions)
        self._clock = clock
        self.renderer: Widget = renderer_for(endpoint.kind, classes="renderer")
        """The renderer widget (its ``data`` reactive holds the last good data)."""
        self.entry: CacheEntry[FetchResult] | None = None
        """The last entry shown (``None`` before the first good fetch)."""
        self.error: BaseException | None = None
        """The failure being shown (error or stale state), else ``None``."""
        self._status = StatusLine(id="status")
        self._error = Static(id="error")
        self._loading: LoadingIndicator | None = None
        self._retry: tuple[float | None, bool] = (None, False)  # see show_retry
        self._status_due = -math.inf  # clock time at which the status words may change
        self.border_title = card_title(app_name, endpoint.name)
        self.border_subtitle = actions_subtitle(self.actions)
        self.add_class("-loading")

    def set_title(self, *, with_app: bool = True) -> None:
        """Title with the app name, or the endpoint alone (a board showing one app only)."""
        self.border_title = card_title(self.app_name if with_app else "", self.endpoint.name)

    @property
    def action_keys(self) -> dict[str, Action]:
        """Key → action for the actions this card answers (refresh key excluded)."""
        return {a.key: a for a in self.actions if a.key and a.key != REFRESH_KEY}

    def compose(self) -> ComposeResult:
        if self.state == "loading":
            self._loading = LoadingIndicator()
            yield self._loading
        yield self._error
        yield self.renderer
        yield self._status

    def on_mount(self) -> None:
        AgeTicker.of(self.app).add(self)
        self._update_status()

    def on_unmount(self) -> None:
        AgeTicker.of(self.app).discard(self)

    # -- called by the refresh coordinator ------------------------------------------------------

    def show_loading(self) -> None:
        """A fetch started: the loading face before any data, "refreshing…" after."""
        if self.entry is None:
            self.error = None
            self.state = "loading"
        else:
            self.refreshing = True

    def show_checked(self, entry: CacheEntry[FetchResult]) -> None:
        """A check ended with nothing new to draw: only the age and the refresh indicator move.

        ``entry`` is the one the check returned (its ``fetched_at`` is the last successful
        check); the renderer is not touched, so an unchanged card is not re-rendered.
        """
        if self.entry is None or entry.stale != self.entry.stale:
            self.show_entry(entry)
            return
        self.entry = entry
        if self.refreshing:
            self.refreshing = False  # repaints the status line through the watcher
        else:
            self._update_status()

    def show_entry(self, entry: CacheEntry[FetchResult]) -> None:
        """Show a cache entry; a stale one (failed refresh) keeps its data with a stale badge."""
        value = entry.value
        data = value.data if isinstance(value, FetchResult) else value
        self.entry = entry
        self.refreshing = False
        self.renderer.data = data  # type: ignore[attr-defined]
        if entry.stale:
            self.error = entry.error or RuntimeError("refresh failed")
            self.state = "stale"
        else:
            self.error = None
            self.state = "ready"

    def show_error(self, error: BaseException) -> None:
        """A fetch failed: keep the last data with a stale badge, or show the error."""
        self.error = error
        self.refreshing = False
        if self.entry is not None:
            self.state = "stale"
        else:
            self._error.update(error_content(error, PAUSED_TEXT if self._retry[1] else ""))
            self.state = "error"

    def on_render_failed(self, message: RenderFailed) -> None:
        """The renderer raised (logged already): show an internal-error state, board keeps going."""
        message.stop()
        self.entry = None  # the renderer is hidden until the next good fetch brings it back
        self.show_error(RendererError(message.error))

    def show_retry(self, next_attempt: float | None, paused: bool) -> None:
        """When a failing card is tried again (wall-clock time), or that polling is paused."""
        self._retry = (next_attempt, paused)
        if self.state == "error" and self.error is not None:
            self._error.update(error_content(self.error, PAUSED_TEXT if paused else ""))
        self._update_status()

    # -- internals ------------------------------------------------------------------------------

    def watch_state(self, state: CardState) -> None:
        for name in ("loading", "ready", "stale", "error"):
            self.set_class(state == name, f"-{name}")
        self._sync_loading(state == "loading")
        self._update_status()

    def _sync_loading(self, loading: bool) -> None:
        """Mount the LoadingIndicator only while loading.

        It animates 16 times a second even when hidden by CSS: 20 cards kept ~320 timer
        wake-ups a second going on a board whose data was long there (issue #11).
        """
        indicator = self._loading
        if not loading and indicator is not None:
            self._loading = None
            if indicator.parent is not None:
                indicator.remove()
        elif loading and indicator is None and self.is_mounted:
            self._loading = LoadingIndicator()
            self.mount(self._loading, before=0)

    def watch_refreshing(self) -> None:
        self._update_status()

    def _update_status(self) -> None:
        """Recompute the bottom line (after every event, and when the ticker finds it due)."""
        now = self._clock()
        age = self.entry.age(now) if self.entry is not None else None
        retry = retry_text(*self._retry, now) if self.error is not None else ""
        line, holds = status_line(self.state, age, self.error, self.refreshing, retry)
        self._status.show(line)
        self._status_due = now + holds

    def tick_status(self) -> None:
        """The age ticker's call: recompute the line only if its words may have changed.

        A wall clock set back by more than a minute recomputes too (the due time is then stale).
        """
        now = self._clock()
        if now >= self._status_due or self._status_due - now > 60.0:
            self._update_status()

    def action_refresh(self) -> None:
        """Ask the app for a fresh fetch of this card's endpoint."""
        self.post_message(self.RefreshRequested(self))

    def action_scroll_renderer(self, pages: int) -> None:
        """Scroll a scrollable renderer (the list) by ``pages`` pages."""
        renderer = self.renderer
        step = max(1, renderer.scrollable_content_region.height - 1)
        renderer.scroll_to(y=renderer.scroll_y + pages * step, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_renderer":
            return self.renderer.max_scroll_y > 0
        return True

    def on_key(self, event: events.Key) -> None:
        action = self.action_keys.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            self.post_message(self.ActionRequested(self, action))
