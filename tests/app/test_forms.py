"""App and widget forms through Pilot: fill, validate, test connection, save, edit, delete."""

from __future__ import annotations

from textual.widgets import Input, Select

from launcher_tui.screens.app_form import AppForm
from launcher_tui.screens.dialogs import ConfirmScreen
from launcher_tui.screens.widget_form import WidgetForm
from tests.app.conftest import ready, wait_until
from tests.app.demo import SONARR_KEY, serve_demo
from tests.support.loopback import Response


async def open_app_form(app, pilot) -> AppForm:
    await pilot.press("a")
    await wait_until(pilot, lambda: ready(app, AppForm))
    await pilot.pause()
    return app.screen


def fill(form, **values: str) -> None:
    for field, value in values.items():
        form.query_one(f"#app-{field}", Input).value = value


async def choose_integration(form, pilot, kind: str) -> None:
    form.query_one("#app-integration", Select).value = kind
    await wait_until(pilot, lambda: form.config_form is not None and form.kind == kind)
    await pilot.pause()


async def test_plain_app_validates_inline_then_saves(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        form = await open_app_form(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.field_error("name") == "must not be empty"
        assert form.field_error("url") == "an app needs a URL to open"
        fill(form, name="Router", url="192.168.1.1", group="Network")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "must start with a scheme" in form.field_error("url")
        fill(form, url="http://192.168.1.1")
        await pilot.pause()
        assert form.field_error("url") == ""  # fixed while typing
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, AppForm))
        saved = services.apps.get("Router")
        assert (saved.url, saved.group, saved.integration) == (
            "http://192.168.1.1",
            "Network",
            None,
        )


async def test_http_app_test_connection_maps_errors_and_saves(make_app, frozen, services, loopback):
    loopback.route("GET", "/health", Response(200, "ok"))
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        form = await open_app_form(app, pilot)
        fill(form, name="Box", url="http://127.0.0.1:9")  # nothing listens on port 9
        await choose_integration(form, pilot, "http")
        assert "expected_status" in form.config_form.specs  # fields generated from the schema
        form.action_test()
        await wait_until(pilot, lambda: form.last_outcome is not None)
        assert not form.last_outcome.ok
        assert form.field_error("url") == "Could not reach the service at this address."
        assert services.apps.list()[-1].name != "Box"  # testing never saves
        fill(form, url=f"{loopback.url}/health")
        form.last_outcome = None
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: form.last_outcome is not None)
        assert form.last_outcome.ok
        assert "Connected" in str(form.query_one("#test-result").render())
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, AppForm))
        assert services.apps.get("Box").integration == "http"
        await wait_until(pilot, lambda: app.app_status.get(services.apps.get("Box").id) == "up")


async def test_sonarr_bad_key_lands_on_the_secret_and_edit_keeps_it(
    make_app, frozen, services, loopback
):
    serve_demo(loopback)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_app_form(app, pilot)
        fill(form, name="Sonarr", url=loopback.url)
        await choose_integration(form, pilot, "sonarr")
        config = form.config_form
        assert "api_key" in config.secret_fields
        config.input_for("api_key").value = "wrong"
        await pilot.press("ctrl+s")  # submit probes first: refused key → error on the secret
        await wait_until(pilot, lambda: form.last_outcome is not None)
        assert config.error_for("api_key") == "The service refused these credentials."
        assert str(form.query_one("#save").label) == "Save anyway"
        assert not any(a.name == "Sonarr" for a in services.apps.list())
        config.input_for("api_key").value = SONARR_KEY
        form.last_outcome = None
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, AppForm))
        stored = services.apps.get("Sonarr")
        assert SONARR_KEY not in str(stored.config)  # masked in records
        assert services.apps.target(stored.id).config["api_key"] == SONARR_KEY

        # edit: the secret is not shown, left empty it is kept, the probe uses the stored one
        app.edit_app(stored)
        await wait_until(pilot, lambda: isinstance(app.screen, AppForm) and app.screen.config_form)
        form = app.screen
        await pilot.pause()
        assert form.config_form.input_for("api_key").value == ""
        fill(form, group="Media")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, AppForm))
        assert services.apps.get("Sonarr").group == "Media"
        assert services.apps.target(stored.id).config["api_key"] == SONARR_KEY


async def test_widget_form_filters_endpoints_and_adds_with_options(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await wait_until(pilot, lambda: ready(app, WidgetForm))
        form = app.screen
        await pilot.pause()
        machine = services.apps.get("This machine")
        form.query_one("#widget-app", Select).value = machine.id
        await wait_until(pilot, lambda: form.endpoint is not None)
        endpoints = [
            v
            for _, v in form.query_one("#widget-endpoint", Select)._options
            if v is not Select.NULL
        ]
        assert set(endpoints) == {e.id for e in services.registry.get("system").endpoints}
        form.query_one("#widget-endpoint", Select).value = "processes"
        await wait_until(pilot, lambda: form.query("#options-form"))
        await pilot.pause()
        options = form.query_one("#options-form")
        options.input_for("count").value = "99"  # above the maximum
        form.query_one("#widget-refresh", Input).value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert options.error_for("count")
        options.input_for("count").value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.field_error("refresh_interval")  # below the 2 s minimum (service check)
        form.query_one("#widget-refresh", Input).value = "20"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, WidgetForm))
        added = [w for w in services.widgets.list("Home") if w.options.get("count") == 3]
        assert len(added) == 1 and added[0].refresh_interval == 20
        await wait_until(pilot, lambda: app.current_board.card_for(added[0].id) is not None)


async def test_widget_form_refuses_an_overlapping_place(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(
            WidgetForm(services.boards.get("Home").id, services.apps.get("This machine").id)
        )
        await wait_until(pilot, lambda: ready(app, WidgetForm))
        form = app.screen
        await pilot.pause()
        await wait_until(pilot, lambda: form.endpoint is not None)
        form.query_one("#widget-x", Input).value = "0"
        form.query_one("#widget-y", Input).value = "0"
        form.action_save()
        await pilot.pause()
        assert "overlaps" in form.field_error("position")
        await pilot.press("escape")
        assert not isinstance(app.screen, WidgetForm)


async def test_remove_app_asks_first(make_app, frozen, services):
    services.first_run()
    services.apps.add({"name": "Router", "url": "http://192.168.1.1"})
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        launcher = app.launcher
        launcher.option_list.highlighted = launcher.option_list.get_option_index(
            f"app-{services.apps.get('Router').id}"
        )
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert services.apps.get("Router")
        assert app.focused is launcher.option_list
        await pilot.press("delete")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: all(a.name != "Router" for a in services.apps.list()))


async def test_failed_save_focuses_and_reveals_the_first_error(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await open_app_form(app, pilot)
        fill(form, name="Sonarr", url="https://sonarr.home.lan")
        await choose_integration(form, pilot, "sonarr")
        await pilot.press("ctrl+s")  # the API key is required and empty
        key = form.config_form.input_for("api_key")
        await wait_until(pilot, lambda: app.focused is key)
        await pilot.pause()
        body = form.query_one("#form-body")
        message = form.config_form.query_one("#error-api_key")
        assert message.has_class("-shown") and str(message.content) == "Required"
        # the message under the field is inside the visible part of the scrolled body
        assert body.region.contains_region(message.region)
        assert body.region.contains_region(key.region)
