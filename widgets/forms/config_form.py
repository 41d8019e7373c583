"""ConfigForm: the input widgets for one integration's config, built from its schema.

Field kind → widget: secret → ``Input(password=True)``; choice (Literal/Enum) →
``Select(allow_blank=False)``; bool → ``Switch``; int → ``Input(type="integer")``; float →
``Input(type="number")``; URL → ``Input`` with :class:`~widgets.forms.validators.HttpUrl`;
str → ``Input``. Each field has its title as label, its description as help, and an inline
error line that :meth:`ConfigForm.set_error` fills (from :func:`field_errors_from_validation`
or, after a failed connection test, :func:`widgets.texts.field_for_error`).

In edit mode secrets are never pre-filled: an empty secret means "keep the stored one" and is
left out of :meth:`ConfigForm.values`, so the store can merge it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalGroup
from textual.content import Content
from textual.validation import Integer, Number, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, Switch

from widgets.forms.schema import FORM_LEVEL, FieldSpec, fields_from_schema
from widgets.forms.validators import HttpUrl

KEEP_SECRET_PLACEHOLDER = "leave empty to keep the stored secret"
REQUIRED_MESSAGE = "Required"


def _initial_text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "get_secret_value"):
        return ""  # never put a secret back on screen
    return str(value)


def build_input(spec: FieldSpec, value: Any, *, edit: bool) -> Widget:
    """The input widget for one field, with id ``input-<name>``."""
    widget_id = f"input-{spec.name}"
    if spec.kind == "bool":
        return Switch(value=bool(value if value is not None else spec.default), id=widget_id)
    if spec.kind == "choice":
        options = list(spec.choices)
        values = [v for _, v in options]
        current = value if value in values else spec.default if spec.default in values else None
        if current is None and options:
            current = options[0][1]
        return Select(options, value=current, allow_blank=False, id=widget_id, compact=True)
    validators: list[Validator] = []
    kwargs: dict[str, Any] = {}
    if spec.kind == "int":
        kwargs["type"] = "integer"
        validators.append(Integer(minimum=_int(spec.minimum), maximum=_int(spec.maximum)))
    elif spec.kind == "float":
        kwargs["type"] = "number"
        validators.append(Number(minimum=spec.minimum, maximum=spec.maximum))
    elif spec.kind == "url":
        validators.append(HttpUrl())
        kwargs["placeholder"] = "https://…"
    if spec.kind == "secret":
        kwargs["password"] = True
        if edit:
            kwargs["placeholder"] = KEEP_SECRET_PLACEHOLDER
        value = None
    text = _initial_text(value if value is not None else spec.default)
    return Input(
        text,
        validators=validators,
        valid_empty=spec.optional or (spec.kind == "secret" and edit),
        id=widget_id,
        **kwargs,
        compact=True,
    )


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


class ConfigForm(VerticalGroup):
    """The fields of one config schema, with typed :meth:`values` and inline errors."""

    DEFAULT_CSS = """
    ConfigForm { height: auto; }
    ConfigForm > .form-field { height: auto; margin-bottom: 1; }
    ConfigForm .field-label { color: $text; text-style: bold; }
    ConfigForm .field-help { color: $text-muted; }
    ConfigForm .field-error { color: $text-error; display: none; }
    ConfigForm .field-error.-shown { display: block; }
    ConfigForm #form-error { color: $text-error; display: none; }
    ConfigForm #form-error.-shown { display: block; }
    """

    def __init__(
        self,
        schema: type[BaseModel] | Mapping[str, Any],
        *,
        values: Mapping[str, Any] | None = None,
        edit: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args:
        schema: the integration's ``config_model`` or its JSON schema.
        values: current values (edit mode) or defaults to pre-fill; secrets are never shown.
        edit: editing a stored config: empty secrets mean "keep" and are left out of values().
        """
        super().__init__(name=name, id=id, classes=classes)
        source = schema if isinstance(schema, type) else dict(schema)
        self.specs: dict[str, FieldSpec] = {s.name: s for s in fields_from_schema(source)}
        """Field name → its description, in schema order."""
        self.edit = edit
        self._initial = dict(values or {})

    @property
    def field_names(self) -> list[str]:
        """Every field, in schema order."""
        return list(self.specs)

    @property
    def secret_fields(self) -> list[str]:
        """The fields holding secrets."""
        return [n for n, s in self.specs.items() if s.kind == "secret"]

    def compose(self) -> ComposeResult:
        yield Static(id="form-error", markup=False)
        for spec in self.specs.values():
            with Vertical(classes="form-field", id=f"field-{spec.name}"):
                marker = "" if spec.optional or (spec.kind == "secret" and self.edit) else " *"
                yield Label(f"{spec.title}{marker}", classes="field-label")
                yield build_input(spec, self._initial.get(spec.name), edit=self.edit)
                if spec.description:
                    yield Static(spec.description, classes="field-help", markup=False)
                yield Static("", classes="field-error", id=f"error-{spec.name}", markup=False)

    def input_for(self, field: str) -> Widget:
        """The input widget of ``field`` (Input, Select or Switch)."""
        return self.query_one(f"#input-{field}")

    def _raw(self, spec: FieldSpec) -> Any:
        widget = self.input_for(spec.name)
        if isinstance(widget, Switch):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        assert isinstance(widget, Input)
        if spec.kind == "secret" and widget.value.strip():
            return widget.value  # secrets are kept exactly as typed (a space is part of it)
        return widget.value.strip()

    def values(self) -> dict[str, Any]:
        """Typed values: ints as int, floats as float, bools, choice values; see module doc.

        An empty optional field is ``None`` when the schema allows null, else left out (the
        model's default applies); text that does not parse is returned as typed, for the
        model's validation to report.
        """
        out: dict[str, Any] = {}
        for spec in self.specs.values():
            raw = self._raw(spec)
            if spec.kind in ("bool", "choice"):
                out[spec.name] = raw
                continue
            if raw == "":
                if spec.kind == "secret" and self.edit:
                    continue
                if spec.nullable:
                    out[spec.name] = None
                elif spec.required:
                    out[spec.name] = ""
                continue
            out[spec.name] = _convert(spec, raw)
        return out

    def check(self) -> dict[str, str]:
        """Client-side checks (required, number and URL syntax): shows and returns errors."""
        self.clear_errors()
        errors: dict[str, str] = {}
        for spec in self.specs.values():
            widget = self.input_for(spec.name)
            if not isinstance(widget, Input):
                continue
            value = widget.value.strip()
            if not value:
                keep_secret = spec.kind == "secret" and self.edit
                if not spec.optional and not keep_secret:
                    errors[spec.name] = REQUIRED_MESSAGE
                continue
            result = widget.validate(value)
            if result is not None and not result.is_valid:
                errors[spec.name] = "; ".join(result.failure_descriptions)
        for field, message in errors.items():
            self.set_error(field, message)
        return errors

    def set_error(self, field: str | None, message: str) -> None:
        """Show ``message`` under ``field`` (unknown field or ``None``/``""``: above the form)."""
        if field and field in self.specs:
            label = self.query_one(f"#error-{field}", Static)
            self.input_for(field).add_class("-invalid")
        else:
            label = self.query_one("#form-error", Static)
        label.update(Content(message))  # never markup: messages quote what was typed
        label.add_class("-shown")

    def set_errors(self, errors: Mapping[str, str]) -> None:
        """Show several errors (e.g. from :func:`field_errors_from_validation`)."""
        for field, message in errors.items():
            self.set_error(field or FORM_LEVEL, message)

    def error_for(self, field: str | None) -> str:
        """The error currently shown for ``field`` (``""``: the form-level one)."""
        selector = f"#error-{field}" if field else "#form-error"
        label = self.query_one(selector, Static)
        return str(label.content) if label.has_class("-shown") else ""

    def clear_errors(self) -> None:
        """Hide every error message."""
        for label in self.query(".field-error, #form-error").results(Static):
            label.update("")
            label.remove_class("-shown")
        for spec in self.specs.values():
            self.input_for(spec.name).remove_class("-invalid")


def _convert(spec: FieldSpec, raw: str) -> Any:
    try:
        if spec.kind == "int":
            return int(raw)
        if spec.kind == "float":
            return float(raw)
    except ValueError:
        return raw
    return raw
