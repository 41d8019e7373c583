"""Snapshots of the main screens, with frozen data and clock (accept with --snapshot-update).

Each screen here also has a functional ``run_test`` test (test_dashboard, test_forms,
test_launcher) that checks it works, because ``snap_compare`` would happily record a crash.
"""

from __future__ import annotations

from integrations.models import Severity
from launcher_tui.app import LauncherApp
from launcher_tui.screens.app_form import AppForm
from launcher_tui.screens.board import Card
from launcher_tui.screens.help import HelpScreen
from launcher_tui.screens.widget_form import WidgetForm
from tests.app.conftest import wait_until
from tests.app.demo import break_cpu_then_memory, later_clock

SIZE = (100, 30)


def board_ready(app) -> bool:
    board = app.current_board
    cards = [c for c in board.cards if isinstance(c, Card)] if board else []
    return bool(cards) and all(c.state in ("ready", "error", "stale") for c in cards)


def test_first_run_board(snap_compare, make_app, frozen):
    async def ready(pilot):
        await wait_until(pilot, lambda: board_ready(pilot.app))
        await pilot.pause(0.3)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_alert_banner(snap_compare, make_app, frozen):
    frozen.alert_level = Severity.CRITICAL

    async def ready(pilot):
        await wait_until(pilot, lambda: board_ready(pilot.app) and pilot.app.overlay.critical_count)
        await pilot.pause(0.3)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_help_screen(snap_compare, make_app, frozen):
    async def ready(pilot):
        await wait_until(pilot, lambda: board_ready(pilot.app))
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_app_form_with_generated_fields(snap_compare, make_app, frozen):
    async def ready(pilot):
        app = pilot.app
        await wait_until(pilot, lambda: board_ready(app))
        await pilot.press("a")
        await wait_until(
            pilot, lambda: isinstance(app.screen, AppForm) and app.screen.query("#app-integration")
        )
        form = app.screen
        form.query_one("#app-name").value = "Sonarr"
        form.query_one("#app-url").value = "https://sonarr.home.lan"
        form.query_one("#app-integration").value = "sonarr"
        await wait_until(pilot, lambda: form.config_form is not None)
        await pilot.press("ctrl+s")  # empty API key: inline "Required"
        config = form.config_form
        error = config.query_one("#error-api_key")
        body = form.query_one("#form-body")
        # the error shown, its field focused and scrolled into view (message included)
        await wait_until(
            pilot,
            lambda: (
                config.error_for("api_key")
                and app.focused is config.input_for("api_key")
                and body.region.contains_region(error.region)
            ),
        )

    assert snap_compare(make_app(), terminal_size=(100, 36), run_before=ready)


def test_widget_form(snap_compare, make_app, frozen, services):
    async def ready(pilot):
        await wait_until(pilot, lambda: board_ready(pilot.app))
        await pilot.press("w")
        await wait_until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, WidgetForm)
                and pilot.app.screen.query("#widget-endpoint")
            ),
        )
        form = pilot.app.screen
        form.query_one("#widget-app").value = services.apps.get("This machine").id
        await wait_until(pilot, lambda: form.endpoint is not None)
        form.query_one("#widget-endpoint").value = "processes"
        await wait_until(pilot, lambda: form.query("#options-form"))
        await pilot.pause(0.3)

    assert snap_compare(make_app(), terminal_size=(100, 36), run_before=ready)


def test_launcher(snap_compare, make_app, demo):
    async def ready(pilot):
        await pilot.pause()
        await pilot.press("l")
        app = pilot.app
        await wait_until(pilot, lambda: len(app.app_status) == 2)
        # the demo's alerts (Sonarr health, Jellyfin down) arrive on their own schedule; the
        # banner they fill shifts the whole screen, so wait for all of them
        await wait_until(
            pilot, lambda: (app.overlay.critical_count, app.overlay.warning_count) == (2, 1)
        )
        await pilot.pause(0.3)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_error_and_stale_cards(snap_compare, services, frozen):
    """CPU never answered (error card) beside memory, which answered once, then failed (stale).

    test_dashboard's ``test_error_and_stale_cards_side_by_side`` drives the same scenario and
    checks the states and the data left on screen.
    """
    frozen.fail = {"cpu"}
    services.first_run()

    async def ready(pilot):
        await break_cpu_then_memory(pilot, frozen)
        await pilot.pause(0.3)

    app = LauncherApp(services, clock=later_clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
