"""Add or edit a widget: which app, which of its endpoints, title, options, refresh, place.

The endpoint picker lists only the chosen app's integration endpoints and shows the renderer
each one feeds; an endpoint with an options model (a PromQL query, a process count) gets its
fields generated like an app's settings. Position left empty means "first free place". The
service checks everything again (grid bounds, overlaps, options) and its field errors are shown
inline; a failed save focuses the first field in error and scrolls its message into view.

The whole body scrolls (the options box grows with its fields, it never gets a fixed share),
so every option of the longest endpoint can be reached with Tab at 80x24.

Editing (``record`` given) keeps the app, endpoint and board and changes the rest in place;
Ctrl+O leaves for the app's own form ("the app is one more key away").
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static

from integrations.base import Endpoint
from launcher_tui.icons import shown_icon
from launcher_tui.screens.dialogs import focus_first_error
from launcher_tui.screens.form_screen import FormScreen
from launcher_tui.services.errors import LauncherError, ValidationFailed
from launcher_tui.services.schemas import AppRecord, WidgetRecord
from launcher_tui.services.widgets import default_size
from widgets.forms import ConfigForm

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp

KIND_TEXT = {
    "stat": "stat card (numbers)",
    "gauge": "gauge (value against a range)",
    "list": "list (rows)",
    "progress": "progress bars",
    "alert": "alert banner",
    "chart": "chart (history)",
}
PLACE_FIELDS = ("x", "y", "w", "h")
EDIT_APP = "edit-app"
"""What the form dismisses with when the person asks for the app's form instead (Ctrl+O)."""


def field_box(name: str, label: str, *children: Widget) -> Vertical:
    """A ``.form-field``: label, the input(s), then the error line (``widget-error-<name>``)."""
    return Vertical(
        Label(label, classes="field-label"),
        *children,
        Static("", classes="field-error", id=f"widget-error-{name}", markup=False),
        classes="form-field",
        id=f"field-{name}",
    )


class WidgetForm(FormScreen[WidgetRecord | str | None]):
    """Dismisses with the saved widget, :data:`EDIT_APP`, or ``None`` when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+o", "edit_app", "Edit the app"),
    ]

    def __init__(
        self,
        board_id: int | None = None,
        app_id: int | None = None,
        *,
        record: WidgetRecord | None = None,
    ) -> None:
        super().__init__()
        self.shown_endpoint: str | None = None
        """The endpoint whose options are on screen (set once they are mounted)."""
        self.record = record
        self.board_id = record.board_id if record else board_id
        self.app_id = record.app_id if record else app_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.record is not None if action == "edit_app" else True

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    @cached_property
    def apps(self) -> list[AppRecord]:
        """The apps with an integration, read once per form.

        Reading them decrypts every app's settings; the pickers ask for them on every change.
        The form is modal, so the list cannot change while it is open.
        """
        return [a for a in self.launcher_app.services.apps.list() if a.integration]

    def compose(self) -> ComposeResult:
        services = self.launcher_app.services
        rec = self.record
        apps = self.apps
        boards = services.boards.list()
        app_value = self.app_id if any(a.id == self.app_id for a in apps) else None
        title = "Add widget" if rec is None else f"Edit widget: {rec.title or rec.app}"
        with Vertical(classes="dialog form", id="widget-form"):
            yield Static(Content.styled(title, "bold"), classes="title", markup=False)
            with VerticalScroll(id="form-body"):
                if not apps:
                    yield Static(
                        "No app has an integration yet: add one first (a), e.g. an HTTP check.",
                        classes="field-error -shown",
                    )
                yield field_box(
                    "app",
                    "App *",
                    Select(
                        [
                            (Text(f"{i + ' ' if (i := shown_icon(a.icon)) else ''}{a.name}"), a.id)
                            for a in apps
                        ],
                        value=app_value if app_value is not None else Select.NULL,
                        prompt="Choose an app",
                        id="widget-app",
                        disabled=rec is not None,
                        compact=True,
                    ),
                )
                yield field_box(
                    "endpoint",
                    "Data *",
                    Select(
                        [],
                        prompt="Choose what to show",
                        id="widget-endpoint",
                        disabled=rec is not None,
                        compact=True,
                    ),
                    Static("", id="widget-kind", classes="field-help"),
                )
                yield field_box(
                    "title",
                    "Title",
                    Input(
                        rec.title or "" if rec else "",
                        id="widget-title",
                        placeholder="empty: the app and the data's name",
                        compact=True,
                    ),
                )
                yield Vertical(id="options-box")
                yield field_box(
                    "refresh_interval",
                    "Refresh every (seconds)",
                    Input(
                        f"{rec.refresh_interval:g}" if rec and rec.refresh_interval else "",
                        id="widget-refresh",
                        type="number",
                        placeholder="the data's default",
                        compact=True,
                    ),
                )
                yield field_box(
                    "board",
                    "Board *",
                    Select(
                        [(Text(b.name), b.id) for b in boards],
                        value=self.board_id
                        if any(b.id == self.board_id for b in boards)
                        else Select.NULL,
                        prompt="Choose a board",
                        id="widget-board",
                        disabled=rec is not None,
                        compact=True,
                    ),
                )
                place = "Place: column, row (empty = first free) · width, height"
                yield field_box(
                    "position",
                    place,
                    Horizontal(
                        *(
                            Input(
                                str(getattr(rec, name)) if rec else "",
                                id=f"widget-{name}",
                                type="integer",
                                placeholder=name,
                                compact=True,
                            )
                            for name in PLACE_FIELDS
                        ),
                        id="place",
                    ),
                )
            yield Static("", id="form-result")
            with Horizontal(classes="buttons"):
                yield Button(
                    "Add" if rec is None else "Save", variant="primary", id="save", compact=True
                )
                if rec is not None:
                    yield Button("Edit app (ctrl+o)", id="edit-app", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()  # the form's own keys: Ctrl+S save, Esc cancel, Ctrl+O the app

    async def on_mount(self) -> None:
        await self._fill_endpoints()
        first = "#widget-title" if self.record else "#widget-app"
        self.typeahead_ready(self.query_one(first))

    # -- pickers --------------------------------------------------------------------------------

    @property
    def chosen_app(self) -> AppRecord | None:
        value = self.query_one("#widget-app", Select).value
        return next((a for a in self.apps if a.id == value), None)

    def _endpoints(self) -> list[Endpoint]:
        app = self.chosen_app
        if app is None or not app.integration:
            return []
        try:
            return list(self.launcher_app.services.registry.get(app.integration).endpoints)
        except (LookupError, ImportError):
            return []

    @property
    def endpoint(self) -> Endpoint | None:
        value = self.query_one("#widget-endpoint", Select).value
        return next((e for e in self._endpoints() if e.id == value), None)

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "widget-app":
            event.stop()
            await self._fill_endpoints()
        elif event.select.id == "widget-endpoint":
            event.stop()
            await self._show_endpoint()

    async def _fill_endpoints(self) -> None:
        picker = self.query_one("#widget-endpoint", Select)
        endpoints = self._endpoints()
        picker.set_options(
            [(Text(f"{e.name} — {KIND_TEXT.get(str(e.kind), e.kind)}"), e.id) for e in endpoints]
        )
        ids = [e.id for e in endpoints]
        if self.record is not None and self.record.endpoint in ids:
            picker.value = self.record.endpoint
        elif endpoints:
            picker.value = endpoints[0].id
        await self._show_endpoint()

    async def _show_endpoint(self) -> None:
        endpoint = self.endpoint
        kind = self.query_one("#widget-kind", Static)
        box = self.query_one("#options-box", Vertical)
        self.shown_endpoint = None
        await box.remove_children()
        if endpoint is None:
            kind.update("")
            return
        text = f"Shown as: {KIND_TEXT.get(str(endpoint.kind), endpoint.kind)}"
        text += f" · refreshes every {endpoint.refresh:g} s by default"
        if endpoint.description:
            text += f"\n{endpoint.description}"
        kind.update(Content(text))
        if self.record is None:
            w, h = default_size(endpoint)
            self.query_one("#widget-w", Input).value = str(w)
            self.query_one("#widget-h", Input).value = str(h)
        if endpoint.options_model is not None:
            values = self.record.options if self.record else None
            await box.mount(Label("Options", classes="section"))
            await box.mount(ConfigForm(endpoint.options_model, values=values, id="options-form"))
        self.shown_endpoint = endpoint.id

    # -- errors ---------------------------------------------------------------------------------

    def set_field_error(self, field: str, message: str) -> None:
        if field.startswith("options."):
            form = self.query(ConfigForm)
            if form:
                form.first().set_error(field.removeprefix("options."), message)
                return
        if field in ("size", "x", "y", "w", "h"):
            field = "position"
        targets = self.query(f"#widget-error-{field}")
        label = targets.first(Static) if targets else self.query_one("#form-result", Static)
        label.update(Content.styled(message, "$text-error") if not targets else Content(message))
        label.add_class("-shown")

    def field_error(self, field: str) -> str:
        label = self.query_one(f"#widget-error-{field}", Static)
        return str(label.content) if label.has_class("-shown") else ""

    def clear_errors(self) -> None:
        for label in self.query(".field-error").results(Static):
            if label.id and label.id.startswith("widget-error-"):
                label.update("")
                label.remove_class("-shown")
        for form in self.query(ConfigForm):
            form.clear_errors()
        self.query_one("#form-result", Static).update("")

    def _show_errors(self) -> None:
        """After a refused save: the first field in error gets the focus, its message shown."""
        self.call_after_refresh(focus_first_error, self, self.query_one("#form-body"))

    # -- save -----------------------------------------------------------------------------------

    def payload(self) -> dict[str, Any] | None:
        """The service input, or ``None`` after showing client-side errors."""
        self.clear_errors()
        errors: dict[str, str] = {}
        app, endpoint = self.chosen_app, self.endpoint
        board = self.query_one("#widget-board", Select).value
        if app is None:
            errors["app"] = "Choose an app"
        if endpoint is None:
            errors["endpoint"] = "Choose what to show"
        if board is Select.NULL:
            errors["board"] = "Choose a board"
        data: dict[str, Any] = {"title": self.query_one("#widget-title", Input).value.strip()}
        refresh = self.query_one("#widget-refresh", Input).value.strip()
        data["refresh_interval"] = None
        if refresh:
            try:
                data["refresh_interval"] = float(refresh)
            except ValueError:
                errors["refresh_interval"] = "a number of seconds"
        for name in PLACE_FIELDS:
            text = self.query_one(f"#widget-{name}", Input).value.strip()
            if text:
                try:
                    data[name] = int(text)
                except ValueError:
                    errors["position"] = f"{name} must be a whole number"
        options: dict[str, Any] = {}
        forms = self.query(ConfigForm)
        if forms:
            form = forms.first()
            if form.check():
                errors["options"] = "invalid"
            options = form.values()
        for field, message in errors.items():
            if field != "options":
                self.set_field_error(field, message)
        if errors or app is None or endpoint is None:
            self._show_errors()
            return None
        return {**data, "app": app.id, "endpoint": endpoint.id, "board": board, "options": options}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "edit-app":
            self.action_edit_app()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_edit_app(self) -> None:
        if self.record is not None:
            self.dismiss(EDIT_APP)

    def action_save(self) -> None:
        payload = self.payload()
        if payload is None:
            return
        widgets = self.launcher_app.services.widgets
        try:
            if self.record is None:
                payload["title"] = payload["title"] or None
                if payload["refresh_interval"] is None:
                    del payload["refresh_interval"]
                record = widgets.add(payload)
            else:
                for key in ("app", "endpoint", "board"):
                    payload.pop(key)
                if not self.endpoint or self.endpoint.options_model is None:
                    payload.pop("options")
                record = widgets.update(self.record.id, payload)
        except ValidationFailed as exc:
            for field, message in exc.errors.items():
                self.set_field_error(field, message)
            self._show_errors()
            return
        except LauncherError as exc:
            self.set_field_error("form", f"{exc.message} {exc.hint}")
            return
        self.dismiss(record)
