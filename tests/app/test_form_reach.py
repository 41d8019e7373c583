"""Every option of every endpoint of every integration is reachable and fillable by keyboard.

The add-widget form once gave its options box a fixed share of the dialog: at 80x24 the fields
after "Request path" were clipped, the required "Value field" of a custom API never showed,
and Ctrl+S "did nothing" (its error sat in the clipped part). Here, at each supported terminal
size, the form is opened with ``w`` and driven with keys only: the app and the endpoint are
picked in their lists, every option field is reached with Tab, seen on screen and filled, and
Ctrl+S stores exactly what was typed.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Select, Switch
from textual.widgets._select import SelectOverlay

from integrations.base import Endpoint, Integration
from launcher_tui.screens.widget_form import WidgetForm
from launcher_tui.services import Services
from launcher_tui.services.configs import plain
from tests.app.conftest import wait_until
from tests.support.keys import burst
from widgets.forms import FieldSpec, fields_from_schema

SIZES = [(80, 24), (120, 40), (160, 48)]
SAMPLES = {
    "body": '{"q": 1}',
    "max": "90",
    "values": "Load=data.load",
    "entity_id": "sensor.temp",
    "value": "5",
}
"""Values a field's own rules need (JSON body, max above min, entity ids, numbers to compare)."""


def option_endpoints(services: Services) -> list[tuple[Integration, Endpoint]]:
    """Every endpoint with options, of every installed integration (the registry decides)."""
    return [
        (integration, endpoint)
        for integration in services.registry.list()
        for endpoint in integration.endpoints
        if endpoint.options_model is not None
    ]


def required_config(integration: Integration) -> dict[str, Any]:
    """The least settings an app of this integration can be saved with."""
    config: dict[str, Any] = {}
    for spec in fields_from_schema(integration.config_model):
        if spec.required and not spec.nullable:
            config[spec.name] = {"url": "http://127.0.0.1:9", "int": 1, "float": 1.0}.get(
                spec.kind, "x"
            )
    return config


def sample(spec: FieldSpec) -> str:
    """Text to type into a field, valid for its kind and bounds."""
    if spec.name in SAMPLES:
        return SAMPLES[spec.name]
    if spec.kind == "int":
        low = int(spec.minimum if spec.minimum is not None else 1)
        return str(low + 1 if spec.maximum is None or low + 1 <= spec.maximum else low)
    if spec.kind == "float":
        return "2.5"
    return "a1"


def focused_in_form(app: Any, selector: str) -> bool:
    """The widget form is open with ``selector`` focused (its first field once it opened)."""
    screen = app.screen
    return isinstance(screen, WidgetForm) and app.focused in screen.query(selector)


def in_view(form: WidgetForm, widget: Any) -> bool:
    body = form.query_one("#form-body")
    screen = form.region
    return body.region.contains_region(widget.region) and screen.contains_region(widget.region)


async def choose(pilot: Any, select: Select, value: Any) -> None:
    """Pick ``value`` in a focused Select with keys: open, arrow to it, Enter."""
    assert pilot.app.focused is select
    burst(pilot.app, "enter")
    await wait_until(pilot, lambda: select.expanded)
    overlay = select.query_one(SelectOverlay)
    target = [v for _, v in select._options].index(value)
    step = "down" if target > (overlay.highlighted or 0) else "up"
    burst(pilot.app, *[step] * abs(target - (overlay.highlighted or 0)))
    await wait_until(pilot, lambda: overlay.highlighted == target)
    burst(pilot.app, "enter")
    await wait_until(pilot, lambda: select.value == value and not select.expanded)


async def tab_to(pilot: Any, widget: Any, limit: int = 8) -> None:
    """Press Tab until ``widget`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        if pilot.app.focused is widget:
            return
        before = pilot.app.focused
        burst(pilot.app, "tab")
        await wait_until(pilot, lambda b=before: pilot.app.focused is not b)
    assert pilot.app.focused is widget, f"Tab never reached {widget.id}"


async def fill(pilot: Any, spec: FieldSpec, widget: Any) -> Any:
    """Change a field by keys; returns the value the form now holds for it."""
    if isinstance(widget, Switch):
        before = widget.value
        burst(pilot.app, "space")
        await wait_until(pilot, lambda: widget.value is not before)
        return widget.value
    if isinstance(widget, Select):
        values = [v for _, v in widget._options if v is not Select.NULL]
        await choose(pilot, widget, values[-1])
        return values[-1]
    assert isinstance(widget, Input)
    text = sample(spec)
    burst(pilot.app, "home", "ctrl+k", *text)  # typed as fast as a terminal delivers it
    try:
        await wait_until(pilot, lambda: widget.value == text)
    except AssertionError:
        raise AssertionError(
            f"{widget.id}: {widget.value!r} != {text!r}, focus {pilot.app.focused}"
        ) from None
    return text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_option_is_reachable_by_keyboard(make_app, frozen, services, size):
    endpoints = option_endpoints(services)
    assert {i.id for i, _ in endpoints} >= {"customapi", "prometheus", "docker", "homeassistant"}
    # an empty board: what is under test is the form, and live cards behind it would only
    # spend the machine's time redrawing themselves
    services.boards.add({"name": "Home"})
    apps = {}
    for integration in {i.id: i for i, _ in endpoints}.values():
        apps[integration.id] = services.apps.add(
            {
                "name": f"{integration.name} app",
                "url": "http://127.0.0.1:9",
                "integration": integration.id,
                "integration_enabled": False,
                "config": required_config(integration),
            }
        )
    app = make_app()
    async with app.run_test(size=size) as pilot:
        for integration, endpoint in endpoints:
            await wait_until(pilot, lambda: app.screen is app.screen_stack[0])
            await pilot.press("w")
            await wait_until(pilot, lambda: focused_in_form(app, "#widget-app"))
            form = app.screen
            await choose(pilot, form.query_one("#widget-app", Select), apps[integration.id].id)
            await tab_to(pilot, form.query_one("#widget-endpoint", Select))
            await choose(pilot, form.query_one("#widget-endpoint", Select), endpoint.id)
            await wait_until(pilot, lambda f=form, e=endpoint.id: f.shown_endpoint == e)
            options = form.query_one("#options-form")
            typed: dict[str, Any] = {}
            for spec in fields_from_schema(endpoint.options_model):
                widget = options.input_for(spec.name)
                await tab_to(pilot, widget)
                await wait_until(pilot, lambda f=form, w=widget: in_view(f, w))
                typed[spec.name] = await fill(pilot, spec, widget)
            await pilot.press("ctrl+s")
            try:
                await wait_until(pilot, lambda: not isinstance(app.screen, WidgetForm))
            except AssertionError:
                shown = [str(e.content) for e in form.query(".field-error.-shown, #form-result")]
                raise AssertionError(f"{integration.id}.{endpoint.id} not saved: {shown}") from None
            saved = [w for w in services.widgets.list() if w.endpoint == endpoint.id][-1]
            expected = plain(endpoint.options_model.model_validate(typed))
            assert {k: saved.options[k] for k in typed} == {k: expected[k] for k in typed}, (
                f"{integration.id}.{endpoint.id} at {size}"
            )
            services.widgets.remove(saved.id)  # keep the board small: it reloads on every save


async def test_refused_save_focuses_and_shows_the_first_field_in_error(make_app, frozen, services):
    """80x24, custom API: Ctrl+S with the required "Value field" empty lands on that field."""
    services.first_run()
    custom = services.apps.add(
        {"name": "Weather", "url": "http://127.0.0.1:9", "integration": "customapi", "config": {}}
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen is app.screen_stack[0])
        await pilot.press("w")
        await wait_until(pilot, lambda: focused_in_form(app, "#widget-app"))
        form = app.screen
        await choose(pilot, form.query_one("#widget-app", Select), custom.id)
        await tab_to(pilot, form.query_one("#widget-endpoint", Select))
        await choose(pilot, form.query_one("#widget-endpoint", Select), "progress")
        await wait_until(pilot, lambda: form.shown_endpoint == "progress")
        await pilot.press("ctrl+s")
        options = form.query_one("#options-form")
        field = options.input_for("value_field")
        await wait_until(pilot, lambda: app.focused is field)
        message = options.query_one("#error-value_field")
        await wait_until(pilot, lambda: in_view(form, message) and in_view(form, field))
        assert str(message.content) == "Required"
        assert isinstance(app.screen, WidgetForm)
        assert not [w for w in services.widgets.list() if w.app_id == custom.id]
