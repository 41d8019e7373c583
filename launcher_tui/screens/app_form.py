"""Add or edit an app: launcher fields, an integration picker and its generated settings.

Submit works like a Home Assistant config flow: validate every field (errors inline, per
field) → probe the service with the *unsaved* settings → map a failure onto the field it is
about (cannot connect → URL, refused credentials → the secret) or save through
:class:`~launcher_tui.services.AppService`, which encrypts the settings. A failed probe turns
the Save button into "Save anyway" (a service may be down today). **Test connection** runs the
same probe without saving.

Editing never shows a stored secret: secret inputs start empty and an empty secret keeps the
stored one (the service merges it); a probe while editing uses the stored secret for the same.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, Select, Static

from integrations.base import Integration
from launcher_tui.runtime import ConnectionOutcome, Target
from launcher_tui.screens.dialogs import focus_first_error
from launcher_tui.screens.form_screen import FormScreen
from launcher_tui.services.errors import LauncherError, ValidationFailed
from launcher_tui.services.schemas import AppRecord, check_name, check_url
from widgets.forms import ConfigForm, field_errors_from_validation
from widgets.texts import error_text, field_for_error

if TYPE_CHECKING:
    from launcher_tui.app import LauncherApp

NO_INTEGRATION = "none"
"""Select value of "plain launcher entry" (Select cannot hold ``None``)."""
PLAIN_FIELDS = ("name", "url", "group", "icon", "description")
_test_ids = itertools.count(1)


def integration_options(integrations: list[Integration]) -> list[tuple[str, str]]:
    """The picker's options: "none" first, then every integration by name."""
    options = [("none — plain launcher entry", NO_INTEGRATION)]
    options += [(f"{i.name} ({i.id})", i.id) for i in sorted(integrations, key=lambda i: i.name)]
    return options


def plain_field_error(field: str, value: str) -> str | None:
    """Client-side check of a launcher field (same rules as the service)."""
    try:
        if field == "name":
            check_name(value)
        elif field == "url":
            check_url(value)
    except ValueError as exc:
        return str(exc)
    return None


class AppForm(FormScreen[AppRecord | None]):
    """Dismisses with the saved record, or ``None`` when cancelled (see module doc)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+t", "test", "Test connection"),
    ]

    def __init__(self, record: AppRecord | None = None) -> None:
        super().__init__()
        self.record = record
        self.save_anyway = False
        self.last_outcome: ConnectionOutcome | None = None

    @property
    def launcher_app(self) -> LauncherApp:
        return self.app  # type: ignore[return-value]

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        rec = self.record
        app = self.launcher_app
        groups = sorted({a.group for a in app.services.apps.list() if a.group})
        title = f"Edit {rec.name}" if rec else "Add app"
        with Vertical(classes="dialog form", id="app-form"):
            yield Static(Content.styled(title, "bold"), classes="title")
            with VerticalScroll(id="form-body"):
                yield from self._field(
                    "name", "Name *", rec.name if rec else "", "Shown in lists and on cards."
                )
                yield from self._field(
                    "url",
                    "URL",
                    rec.url if rec else "",
                    "Where the app lives, e.g. http://192.168.1.10:8989",
                    placeholder="https://…",
                )
                yield from self._field(
                    "group",
                    "Group",
                    rec.group if rec else "",
                    "Apps are listed by group in the launcher.",
                    suggester=SuggestFromList(groups, case_sensitive=False),
                )
                yield from self._field(
                    "icon", "Icon", rec.icon if rec else "", "An emoji or a few characters."
                )
                yield from self._field(
                    "description", "Description", rec.description if rec else "", ""
                )
                yield Label("Integration", classes="field-label")
                yield Select(
                    integration_options(app.integrations()),
                    value=(rec.integration if rec and rec.integration else NO_INTEGRATION),
                    allow_blank=False,
                    id="app-integration",
                    compact=True,
                )
                yield Static("", id="integration-help", classes="field-help")
                yield Vertical(id="config-box")
            yield Static("", id="test-result")
            with Horizontal(classes="buttons"):
                yield Button("Test connection", id="test", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()  # the form's own keys: Ctrl+S save, Ctrl+T test, Esc cancel

    def _field(
        self, name: str, label: str, value: str, help_text: str, **kwargs: Any
    ) -> ComposeResult:
        with Vertical(classes="form-field", id=f"field-{name}"):
            yield Label(label, classes="field-label")
            yield Input(value, id=f"app-{name}", **kwargs, compact=True)
            if help_text:
                yield Static(help_text, classes="field-help", markup=False)
            yield Static("", classes="field-error", id=f"app-error-{name}", markup=False)

    async def on_mount(self) -> None:
        await self._show_config(self.kind)
        self.typeahead_ready(self.query_one("#app-name", Input))

    # -- the integration part -------------------------------------------------------------------

    @property
    def kind(self) -> str | None:
        value = self.query_one("#app-integration", Select).value
        return None if value in (NO_INTEGRATION, Select.NULL) else str(value)

    @property
    def integration(self) -> Integration | None:
        kind = self.kind
        return self.launcher_app.services.registry.get(kind) if kind else None

    @property
    def config_form(self) -> ConfigForm | None:
        forms = self.query(ConfigForm)
        return forms.first() if forms else None

    @property
    def editing_stored_config(self) -> bool:
        """Editing an app whose readable settings belong to the chosen integration."""
        rec = self.record
        return bool(rec and rec.integration == self.kind and rec.config_state == "ok")

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "app-integration":
            event.stop()
            self.save_anyway = False
            self._set_save_label()
            await self._show_config(self.kind)

    async def _show_config(self, kind: str | None) -> None:
        box = self.query_one("#config-box", Vertical)
        await box.remove_children()
        help_box = self.query_one("#integration-help", Static)
        self.query_one("#test", Button).display = kind is not None
        integration = self.integration
        if integration is None:
            help_box.update("A plain launcher entry: a link with no live data.")
            return
        note = integration.description
        rec = self.record
        if rec and rec.integration == kind and rec.config_state in ("undecryptable", "corrupt"):
            note += f"\n⚠ {rec.config_message}: enter the settings again."
        help_box.update(Content(note))
        values = rec.config if rec and rec.integration == kind else None
        form = ConfigForm(integration.config_model, values=values, edit=self.editing_stored_config)
        if integration.config_model.model_fields:
            await box.mount(Label(Content(f"{integration.name} settings"), classes="section"))
        await box.mount(form)

    # -- validation -----------------------------------------------------------------------------

    def _plain_values(self) -> dict[str, str]:
        return {f: self.query_one(f"#app-{f}", Input).value.strip() for f in PLAIN_FIELDS}

    def set_field_error(self, field: str, message: str) -> None:
        """An error under a launcher field, a config field, or above the form."""
        if field.startswith("config."):
            field = field.removeprefix("config.")
        if field in PLAIN_FIELDS:
            label = self.query_one(f"#app-error-{field}", Static)
            label.update(Content(message))
            label.add_class("-shown")
            self.query_one(f"#app-{field}", Input).add_class("-invalid")
            return
        form = self.config_form
        if form is not None:
            form.set_error(field if field in form.specs else None, message)
        else:
            self._result(Content.styled(message, "$text-error"))

    def field_error(self, field: str) -> str:
        """The error shown under a launcher field or config field ("" when none)."""
        if field in PLAIN_FIELDS:
            label = self.query_one(f"#app-error-{field}", Static)
            return str(label.content) if label.has_class("-shown") else ""
        form = self.config_form
        return form.error_for(field) if form is not None else ""

    def clear_errors(self) -> None:
        for field in PLAIN_FIELDS:
            label = self.query_one(f"#app-error-{field}", Static)
            label.update("")
            label.remove_class("-shown")
            self.query_one(f"#app-{field}", Input).remove_class("-invalid")
        if self.config_form is not None:
            self.config_form.clear_errors()
        self._result(Content(""))

    def validate(self) -> dict[str, Any] | None:
        """Every client-side check; shows the errors and returns ``None``, or the config."""
        self.clear_errors()
        values = self._plain_values()
        errors = {f: e for f in ("name", "url") if (e := plain_field_error(f, values[f]))}
        integration = self.integration
        if not values["url"] and (integration is None or integration.needs_url):
            errors["url"] = (
                f"{integration.name} needs the app's URL"
                if integration
                else "an app needs a URL to open"
            )
        for field, message in errors.items():
            self.set_field_error(field, message)
        form = self.config_form
        config: dict[str, Any] = {}
        if form is not None and integration is not None:
            form_errors = form.check()
            config = form.values()
            if not form_errors:
                try:
                    integration.config_model.model_validate(self._probe_config(config))
                except ValidationError as exc:
                    form.set_errors(field_errors_from_validation(exc))
                    form_errors = {"": "invalid"}
            if form_errors:
                errors["config"] = "invalid"
        if errors:
            self.call_after_refresh(self._focus_first_error)
        return None if errors else config

    def _focus_first_error(self) -> None:
        focus_first_error(self, self.query_one("#form-body", VerticalScroll))

    def _probe_config(self, config: dict[str, Any]) -> dict[str, Any]:
        """The settings a probe uses: the form's, with stored secrets for empty ones."""
        rec = self.record
        if not (rec and self.editing_stored_config):
            return config
        try:
            stored = self.launcher_app.services.apps.target(rec.id).config
        except LauncherError:
            stored = {}
        return {**stored, **config}

    def on_input_changed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("app-")
        if field in ("name", "url") and self.field_error(field):
            message = plain_field_error(field, event.value.strip())
            label = self.query_one(f"#app-error-{field}", Static)
            label.update(Content(message or ""))
            label.set_class(bool(message), "-shown")
            event.input.set_class(bool(message), "-invalid")
        if self.save_anyway:
            self.save_anyway = False
            self._set_save_label()

    # -- probe ----------------------------------------------------------------------------------

    async def probe(self, config: dict[str, Any]) -> ConnectionOutcome:
        """Test the unsaved settings; never saves. Shows the result and maps errors to fields."""
        app = self.launcher_app
        values = self._plain_values()
        test_id = f"form-test-{next(_test_ids)}"
        target = Target(
            app_id=test_id,
            app_name=values["name"] or "test",
            url=values["url"],
            integration_id=self.kind or "",
            config=self._probe_config(config),
        )
        self._result(Content.styled("Testing connection…", "$text-muted italic"))
        try:
            outcome = await app.runtime.test_connection(target)
        finally:
            await app.runtime.forget(test_id)
        self.last_outcome = outcome
        self.show_outcome(outcome, config)
        return outcome

    def show_outcome(self, outcome: ConnectionOutcome, config: dict[str, Any]) -> None:
        if outcome.ok:
            self._result(Content.styled(f"✔ Connected: {outcome.summary}", "$text-success bold"))
            return
        error = outcome.error
        assert error is not None
        text = error_text(error.code)
        form = self.config_form
        fields = ["url", *(form.field_names if form else [])]
        secrets = form.secret_fields if form else []
        field = field_for_error(error.code, fields, secrets)
        if field == "url" and config.get("api_url"):
            field = "api_url"
        if field is not None:
            self.set_field_error(field, text.message)
        self._result(
            Content.assemble(
                (f"✖ {text.title}: ", "$text-error bold"),
                error.message,
                ("\n" + error.hint if error.hint else "", "$text-muted italic"),
            )
        )

    def _result(self, content: Content) -> None:
        self.query_one("#test-result", Static).update(content)

    def _set_save_label(self) -> None:
        self.query_one("#save", Button).label = "Save anyway" if self.save_anyway else "Save"

    # -- actions --------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "test":
            self.action_test()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, group="app-form")
    async def action_test(self) -> None:
        if self.kind is None:
            return
        config = self.validate()
        if config is not None:
            await self.probe(config)

    @work(exclusive=True, group="app-form")
    async def action_save(self) -> None:
        config = self.validate()
        if config is None:
            return
        if self.kind is not None and not self.save_anyway:
            outcome = await self.probe(config)
            if not outcome.ok:
                self.save_anyway = True
                self._set_save_label()
                self.call_after_refresh(self._focus_first_error)
                return
        self.save(config)

    def save(self, config: dict[str, Any]) -> None:
        """Store the app through the service (it encrypts); errors go to their fields."""
        values = self._plain_values()
        payload: dict[str, Any] = dict(values)
        payload["integration"] = self.kind
        if self.kind is not None:
            payload["config"] = config
        apps = self.launcher_app.services.apps
        try:
            record = apps.update(self.record.id, payload) if self.record else apps.add(payload)
        except ValidationFailed as exc:
            for field, message in exc.errors.items():
                self.set_field_error(field, message)
            self.save_anyway = False
            self._set_save_label()
            self.call_after_refresh(self._focus_first_error)
            return
        except LauncherError as exc:
            self._result(Content.styled(f"✖ {exc.message} {exc.hint}", "$text-error"))
            return
        self.dismiss(record)
