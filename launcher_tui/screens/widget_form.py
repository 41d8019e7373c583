"""Add a widget: which app, which of its endpoints, options, refresh, board and place.

The endpoint picker lists only the chosen app's integration endpoints and shows the renderer
each one feeds; an endpoint with an options model (a PromQL query, a process count) gets its
fields generated like an app's settings. Position left empty means "first free place". The
service checks everything again (grid bounds, overlaps, options) and its field errors are shown
inline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from integrations.base import Endpoint
from launcher_tui.screens.dialogs import compact
from launcher_tui.services.errors import LauncherError, ValidationFailed
from launcher_tui.services.schemas import AppRecord, WidgetRecord
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


def default_size(endpoint: Endpoint) -> tuple[int, int]:
    """Lists and charts need room; the rest read well in one cell."""
    return (2, 2) if str(endpoint.kind) in ("list", "chart") else (1, 1)


class WidgetForm(ModalScreen[WidgetRecord | None]):
    """Dismisses with the new widget, or ``None`` when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, board_id: int | None = None, app_id: int | None = None) -> None:
        super().__init__()
        self.board_id = board_id
        self.app_id = app_id

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    @property
    def apps(self) -> list[AppRecord]:
        return [a for a in self.launcher_app.services.apps.list() if a.integration]

    def compose(self) -> ComposeResult:
        services = self.launcher_app.services
        apps = self.apps
        boards = services.boards.list()
        app_value = self.app_id if any(a.id == self.app_id for a in apps) else None
        with Vertical(classes="dialog form", id="widget-form"):
            yield Static(Content.styled("Add widget", "bold"), classes="title")
            with VerticalScroll(id="form-body"):
                if not apps:
                    yield Static(
                        "No app has an integration yet: add one first (a), e.g. an HTTP check.",
                        classes="field-error -shown",
                    )
                yield Label("App *", classes="field-label")
                yield Select(
                    [(Text(f"{a.icon + ' ' if a.icon else ''}{a.name}"), a.id) for a in apps],
                    value=app_value if app_value is not None else Select.NULL,
                    prompt="Choose an app",
                    id="widget-app",
                )
                yield Static("", classes="field-error", id="widget-error-app")
                yield Label("Data *", classes="field-label")
                yield Select([], prompt="Choose what to show", id="widget-endpoint")
                yield Static("", id="widget-kind", classes="field-help")
                yield Static("", classes="field-error", id="widget-error-endpoint")
                yield Vertical(id="options-box")
                yield Label("Refresh every (seconds)", classes="field-label")
                yield Input(id="widget-refresh", type="number", placeholder="the data's default")
                yield Static("", classes="field-error", id="widget-error-refresh_interval")
                yield Label("Board *", classes="field-label")
                yield Select(
                    [(Text(b.name), b.id) for b in boards],
                    value=self.board_id
                    if any(b.id == self.board_id for b in boards)
                    else Select.NULL,
                    prompt="Choose a board",
                    id="widget-board",
                )
                yield Static("", classes="field-error", id="widget-error-board")
                yield Label(
                    "Place: column, row (empty = first free) · width, height", classes="field-label"
                )
                with Horizontal(id="place"):
                    for name in PLACE_FIELDS:
                        yield Input(id=f"widget-{name}", type="integer", placeholder=name)
                yield Static("", classes="field-error", id="widget-error-position")
            yield Static("", id="form-result")
            with Horizontal(classes="buttons"):
                yield Button("Add", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    async def on_mount(self) -> None:
        compact(self)
        self.query_one("#widget-app", Select).focus()
        await self._fill_endpoints()

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
        if endpoints:
            picker.value = endpoints[0].id
        await self._show_endpoint()

    async def _show_endpoint(self) -> None:
        endpoint = self.endpoint
        kind = self.query_one("#widget-kind", Static)
        box = self.query_one("#options-box", Vertical)
        await box.remove_children()
        if endpoint is None:
            kind.update("")
            return
        text = f"Shown as: {KIND_TEXT.get(str(endpoint.kind), endpoint.kind)}"
        text += f" · refreshes every {endpoint.refresh:g} s by default"
        if endpoint.description:
            text += f"\n{endpoint.description}"
        kind.update(Content(text))
        w, h = default_size(endpoint)
        self.query_one("#widget-w", Input).value = str(w)
        self.query_one("#widget-h", Input).value = str(h)
        if endpoint.options_model is not None:
            await box.mount(Label("Options", classes="section"))
            await box.mount(ConfigForm(endpoint.options_model, id="options-form"))
            compact(box)

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
        data: dict[str, Any] = {}
        refresh = self.query_one("#widget-refresh", Input).value.strip()
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
            return None
        return {**data, "app": app.id, "endpoint": endpoint.id, "board": board, "options": options}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        payload = self.payload()
        if payload is None:
            return
        try:
            record = self.launcher_app.services.widgets.add(payload)
        except ValidationFailed as exc:
            for field, message in exc.errors.items():
                self.set_field_error(field, message)
            return
        except LauncherError as exc:
            self.set_field_error("form", f"{exc.message} {exc.hint}")
            return
        self.dismiss(record)
