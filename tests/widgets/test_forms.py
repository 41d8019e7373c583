"""Config forms built from a sample integration config model."""

from __future__ import annotations

from enum import Enum
from typing import Literal

import pytest
from pydantic import Field, SecretStr, ValidationError
from textual.app import App, ComposeResult
from textual.widgets import Input, Select, Switch

from integrations.base import HttpConfig
from widgets.forms import ConfigForm, field_errors_from_validation, fields_from_schema
from widgets.forms.config_form import KEEP_SECRET_PLACEHOLDER
from widgets.texts import field_for_error


class Mode(Enum):
    FAST = "fast"
    SAFE = "safe"


class SampleConfig(HttpConfig):
    """Shaped like a real integration config (HttpConfig adds the optional ``api_url``)."""

    api_key: SecretStr = Field(title="API key", description="Settings → General → API key")
    version: Literal["v3", "v4"] = Field(default="v4", title="API version")
    mode: Mode = Field(default=Mode.SAFE, title="Mode")
    verify: bool = Field(default=True, title="Verify TLS")
    limit: int = Field(default=10, ge=1, le=100, title="Rows")
    ratio: float = Field(default=1.5, title="Ratio")
    label: str | None = Field(default=None, title="Label")


def test_schema_to_field_kinds() -> None:
    specs = {s.name: s for s in fields_from_schema(SampleConfig)}
    kinds = {name: spec.kind for name, spec in specs.items()}
    assert kinds == {
        "api_url": "url",
        "api_key": "secret",
        "version": "choice",
        "mode": "choice",
        "verify": "bool",
        "limit": "int",
        "ratio": "float",
        "label": "str",
    }
    assert specs["api_key"].required and specs["api_key"].title == "API key"
    assert specs["api_key"].description == "Settings → General → API key"
    assert specs["version"].choices == (("v3", "v3"), ("v4", "v4"))
    assert specs["mode"].choices == (("fast", "fast"), ("safe", "safe"))
    assert (specs["limit"].minimum, specs["limit"].maximum) == (1, 100)
    assert specs["api_url"].optional and specs["label"].nullable
    # the same from the schema as data (what `integrations --json` returns)
    assert fields_from_schema(SampleConfig.model_json_schema()) == list(specs.values())


def test_field_errors_from_validation() -> None:
    with pytest.raises(ValidationError) as info:
        SampleConfig.model_validate({"api_url": "not a url", "limit": 500})
    errors = field_errors_from_validation(info.value)
    assert set(errors) == {"api_url", "api_key", "limit"}
    assert "less than or equal to 100" in errors["limit"]


class FormApp(App[None]):
    def __init__(self, form: ConfigForm) -> None:
        super().__init__()
        self.form = form

    def compose(self) -> ComposeResult:
        yield self.form


async def test_form_builds_widgets_and_returns_typed_values() -> None:
    form = ConfigForm(SampleConfig)
    async with FormApp(form).run_test(size=(80, 60)) as pilot:
        key = form.input_for("api_key")
        assert (
            isinstance(key, Input) and key.password and key.placeholder != KEEP_SECRET_PLACEHOLDER
        )
        version = form.input_for("version")
        assert isinstance(version, Select) and version.value == "v4"
        assert isinstance(form.input_for("mode"), Select) and form.input_for("mode").value == "safe"  # type: ignore[attr-defined]
        verify = form.input_for("verify")
        assert isinstance(verify, Switch) and verify.value is True
        limit = form.input_for("limit")
        assert isinstance(limit, Input) and limit.type == "integer" and limit.value == "10"

        key.focus()
        await pilot.press(*"s3cret")
        limit.value = ""
        limit.focus()
        await pilot.press(*"25x")  # the integer input refuses the letter
        version.value = "v3"
        verify.value = False
        await pilot.pause()
        values = form.values()
        assert values == {
            "api_url": None,  # optional and nullable: empty → None
            "api_key": "s3cret",
            "version": "v3",
            "mode": "safe",
            "verify": False,
            "limit": 25,
            "ratio": 1.5,
            "label": None,
        }
        config = SampleConfig.model_validate(values)  # typed values validate as they are
        assert config.api_key.get_secret_value() == "s3cret" and config.mode is Mode.SAFE
        assert "s3cret" not in "".join(s.text for s in app_strips(pilot))  # masked on screen


def app_strips(pilot):  # type: ignore[no-untyped-def]
    return pilot.app.screen._compositor.render_strips()


async def test_form_checks_required_integer_range_and_url() -> None:
    form = ConfigForm(SampleConfig)
    async with FormApp(form).run_test(size=(80, 60)) as pilot:
        form.input_for("limit").value = "500"  # type: ignore[attr-defined]
        form.input_for("api_url").value = "ftp//nope"  # type: ignore[attr-defined]
        await pilot.pause()
        errors = form.check()
        assert set(errors) == {"api_key", "limit", "api_url"}
        assert errors["api_key"] == "Required"
        assert "http://" in errors["api_url"]
        await pilot.pause()
        assert form.error_for("limit") == errors["limit"]
        assert form.input_for("limit").has_class("-invalid")
        form.clear_errors()
        assert form.error_for("limit") == "" and not form.input_for("limit").has_class("-invalid")


async def test_edit_mode_keeps_stored_secret_and_maps_service_errors() -> None:
    stored = {
        "api_key": SecretStr("old"),
        "version": "v3",
        "limit": 7,
        "api_url": "http://127.0.0.1:8989",
    }
    form = ConfigForm(SampleConfig, values=stored, edit=True)
    async with FormApp(form).run_test(size=(80, 60)) as pilot:
        key = form.input_for("api_key")
        assert (
            isinstance(key, Input)
            and key.value == ""
            and key.placeholder == KEEP_SECRET_PLACEHOLDER
        )
        values = form.values()
        assert "api_key" not in values  # empty secret = keep the stored one
        assert values["version"] == "v3" and values["limit"] == 7
        assert values["api_url"] == "http://127.0.0.1:8989"
        assert form.check() == {}
        # a refused login lands under the secret, like a config flow
        field = field_for_error("invalid_auth", form.field_names, form.secret_fields)
        form.set_error(field, "The service refused these credentials.")
        form.set_error(None, "Something else")
        await pilot.pause()
        assert field == "api_key"
        assert form.error_for("api_key") == "The service refused these credentials."
        assert form.error_for(None) == "Something else"
