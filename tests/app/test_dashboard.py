"""The dashboard driven through Pilot: first run, refresh wiring, alerts, board keys, help."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.content import Content

from integrations.models import Severity
from launcher_tui.app import LauncherApp
from launcher_tui.commands import COMMANDS
from launcher_tui.screens.board import BoardView, Card
from launcher_tui.screens.dialogs import ConfirmScreen
from launcher_tui.screens.help import HelpScreen
from launcher_tui.services import Services
from tests.app.conftest import wait_until
from tests.app.demo import FrozenSystem, break_cpu_then_memory, later_clock


def cards(app: LauncherApp) -> list[Card]:
    board = app.current_board
    assert board is not None
    return [c for c in board.cards if isinstance(c, Card)]


async def test_first_run_fills_the_board_with_all_six_renderers(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: cards(app) and all(c.state == "ready" for c in cards(app)))
        kinds = {str(c.endpoint.kind) for c in cards(app)}
        assert kinds == {"stat", "gauge", "list", "progress", "alert", "chart"}
        assert app.query_one("#first-run-hint").has_class("-shown")
        assert "press" in str(app.query_one("#first-run-hint").render()).lower()
        # one concurrent round trip: every endpoint fetched exactly once so far
        assert all(n == 1 for n in frozen.calls.values())
        assert services.apps.list()[0].name == "This machine"


async def test_hidden_board_stops_polling_and_resumes_when_shown(
    make_app, frozen, services, monkeypatch
):
    """Every step waits on a condition: a fetch counted, a board active, the pane shown.

    cpu and uptime are made uncacheable (tiny TTL), so each poll of their coordinators reaches
    the integration: "uptime fetched twice more while Other is shown" proves at least one full
    refresh interval passed, in which a Home board still polling would have fetched cpu too.
    """
    from launcher_tui import coordinator

    monkeypatch.setattr(coordinator, "MIN_INTERVAL", 0.05)
    monkeypatch.setattr(
        FrozenSystem,
        "endpoints",
        tuple(
            replace(e, ttl=0.05) if e.id in ("cpu", "uptime") else e for e in FrozenSystem.endpoints
        ),
    )
    services.first_run()
    machine = services.apps.list()[0].id
    other = services.boards.add({"name": "Other"}).id
    services.widgets.add(
        {"board": other, "app": machine, "endpoint": "uptime", "refresh_interval": 2}
    )
    for widget in services.widgets.list("Home"):
        services.widgets.remove(widget.id)
    services.widgets.add(
        {"board": "Home", "app": machine, "endpoint": "cpu", "refresh_interval": 2}
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = next(b for b in app.board_views() if b.board_id != other)
        shown = next(b for b in app.board_views() if b.board_id == other)
        await wait_until(pilot, lambda: frozen.calls.get("cpu", 0) >= 1)
        assert "uptime" not in frozen.calls  # the Other board is hidden: never fetched
        app.switch_board(other)
        await wait_until(pilot, lambda: frozen.calls.get("uptime", 0) >= 1)
        assert app.current_board is shown and shown.active
        assert not home.active and home._unsubscribers == []
        cpu_calls = frozen.calls["cpu"]
        uptime_calls = frozen.calls["uptime"]
        await wait_until(pilot, lambda: frozen.calls["uptime"] >= uptime_calls + 2)
        assert frozen.calls["cpu"] == cpu_calls  # hidden: no more fetches
        # background alert endpoints keep polling whatever board is shown
        assert frozen.calls.get("disk_alerts", 0) >= 1

        app.switch_board(home.board_id)  # shown again: polling resumes, Other stops
        await wait_until(pilot, lambda: frozen.calls["cpu"] > cpu_calls)
        assert app.current_board is home and home.active
        assert not shown.active and shown._unsubscribers == []


async def test_alert_banner_shows_critical_with_source_and_clears(make_app, frozen):
    frozen.alert_level = Severity.CRITICAL
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        overlay = app.overlay
        await wait_until(pilot, lambda: overlay.critical_count == 1)
        await pilot.pause()
        assert overlay.display and overlay.has_class("-critical")
        text = str(overlay.render())
        assert "/srv is 97 % full" in text and "This machine" in text
        # the banner sits in the flow between the header and the boards, not over the header
        assert overlay.region.y >= 1 and overlay.region.bottom <= app.tabs.region.y
        frozen.alert_level = None
        app.hub.refresh_all()
        await wait_until(pilot, lambda: overlay.critical_count == 0)
        assert not overlay.has_class("-visible")
        frozen.alert_level = Severity.WARNING
        app.hub.refresh_all()
        await wait_until(pilot, lambda: overlay.warning_count == 1)
        await pilot.pause()
        assert "1 warning" in str(overlay.render())


async def test_card_errors_never_crash_and_show_the_typed_error(make_app, frozen):
    frozen.fail = {"cpu"}
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: any(c.state == "error" for c in cards(app)))
        broken = next(c for c in cards(app) if c.endpoint.id == "cpu")
        assert broken.state == "error"
        assert "Cannot connect" in str(broken.query_one("#error").render())
        # stale: data first, then a failing refresh keeps the data with a badge
        memory = next(c for c in cards(app) if c.endpoint.id == "memory")
        await wait_until(pilot, lambda: memory.state == "ready")
        frozen.fail = {"memory"}
        memory.focus()
        await pilot.press("r")
        await wait_until(pilot, lambda: memory.state == "stale")
        assert "stale" in str(memory.query_one("#status").render())


async def test_error_and_stale_cards_side_by_side(services, frozen):
    """The error/stale snapshot's scenario: states, data kept on the stale card, badge age."""
    frozen.fail = {"cpu"}
    services.first_run()
    app = LauncherApp(services, clock=later_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await break_cpu_then_memory(pilot, frozen)
        by_id = {c.endpoint.id: c for c in cards(app)}
        cpu, memory = by_id["cpu"], by_id["memory"]
        assert cpu.state == "error" and cpu.entry is None
        assert memory.state == "stale" and memory.has_class("-stale")
        # the stale card still shows its last data (the gauge), not the error text
        assert memory.renderer.display and not memory.query_one("#error").display
        assert memory.renderer.data.value == 88.0
        assert "88%" in str(memory.renderer.render())
        status = str(memory.query_one("#status").render())
        assert "stale, 2 min ago" in status
        # side by side on the same row
        assert cpu.region.y == memory.region.y and cpu.region.right <= memory.region.x


async def test_keyboard_moves_resizes_and_removes_widgets_persistently(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: len(cards(app)) == 7)
        cpu = next(c for c in cards(app) if c.endpoint.id == "cpu")
        cpu.focus()
        await pilot.pause()
        before = services.widgets.get(cpu.record.id)
        assert (before.x, before.y) == (0, 0)
        await pilot.press("shift+right")  # (1, 0) is taken by memory: refused with a message
        assert services.widgets.get(cpu.record.id).x == 0
        said = [n.message for n in app._notifications]
        assert "no room to the right: 'Memory · This machine' is there" in said  # words
        await pilot.press("shift+down", "shift+down", "shift+down", "shift+down")
        moved = services.widgets.get(cpu.record.id)
        assert moved.y > 0
        before_region = cpu.region
        await pilot.press("ctrl+right")
        resized = services.widgets.get(cpu.record.id)
        if resized.w == moved.w:  # blocked on the right: try growing downwards
            await pilot.press("ctrl+down")
            resized = services.widgets.get(cpu.record.id)
            assert resized.h == moved.h + 1
        else:
            await pilot.pause()
            assert cpu.region.width > before_region.width
        # arrows move the focus to the neighbouring card
        await pilot.press("up")
        assert app.focused is not cpu and isinstance(app.focused, Card)
        target = app.focused
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert services.widgets.get(target.record.id)
        await pilot.press("delete")
        await pilot.press("y")
        await wait_until(pilot, lambda: len(cards(app)) == 6)
        assert all(w.id != target.record.id for w in services.widgets.list())


async def test_boards_add_rename_remove_from_the_keyboard(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        await pilot.press(*"Media", "enter")
        await wait_until(pilot, lambda: len(app.board_views()) == 2)
        await pilot.pause()
        assert [b.name for b in services.boards.list()] == ["Home", "Media"]
        assert (
            app.current_board is not None
            and app.current_board.board_id == services.boards.get("Media").id
        )
        await pilot.press("f2")
        await pilot.press(*"Films", "enter")
        await pilot.pause()
        assert services.boards.get("Films").name == "Films"
        assert str(app.tabs.get_tab(f"board-{services.boards.get('Films').id}").label) == "Films"
        await pilot.press("D", "y")
        await wait_until(pilot, lambda: len(app.board_views()) == 1)
        assert [b.name for b in services.boards.list()] == ["Home"]
        await pilot.press("[")
        await pilot.pause()
        assert app.tabs.active == "apps"
        await pilot.press("]")
        await pilot.pause()
        assert app.current_board is not None


async def test_help_lists_every_command_and_q_quits(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        text = "\n".join(str(cell.render()) for cell in app.screen.query("#help-grid Static"))
        for cmd in COMMANDS:
            assert cmd.description in text
        # the key column is as wide as its widest key: no key runs into its text
        keys = list(app.screen.query(".help-keys"))
        texts = list(app.screen.query(".help-text"))
        widest = max(Content(str(k.render())).cell_length for k in keys)
        assert len({t.region.x for t in texts}) == 1
        assert texts[0].region.x >= keys[0].region.x + widest + 1
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_palette_offers_every_command_and_each_board(make_app, frozen, services):
    services.first_run()
    services.boards.add({"name": "Media"})
    app = make_app()
    async with app.run_test(size=(100, 30)):
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for cmd in COMMANDS:
            if cmd.palette and cmd.scope == "global":
                assert cmd.title in titles
        assert {"Switch to board: Home", "Switch to board: Media"} <= titles
        assert "Keys" in titles or "Screenshot" in titles  # Textual's own stay too


async def test_palette_runs_a_command(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, CommandPalette)
                and app.focused is not None
                and app.focused in app.screen.query(CommandInput)
            ),
        )
        await pilot.press(*"add board")

        def add_board_highlighted() -> bool:
            found = app.screen.query(CommandList)
            index = found.first().highlighted if found else None
            if index is None:
                return False
            return "Add board" in str(found.first().get_option_at_index(index).prompt)

        await wait_until(pilot, add_board_highlighted)  # the palette searches asynchronously
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "PromptScreen")


async def test_refresh_all_forces_a_fetch(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: frozen.calls.get("uptime") == 1)
        await pilot.press("R")
        await wait_until(pilot, lambda: frozen.calls.get("uptime") == 2)


async def test_integration_action_asks_then_runs(make_app, frozen, services, monkeypatch):
    from integrations.base import Action

    ran: list[str] = []

    async def pause_all(ctx):
        ran.append("pause")
        return "Paused 3 things"

    monkeypatch.setattr(
        FrozenSystem, "actions", (Action("pause_all", "Pause all", "Pause everything?", key="p"),)
    )
    monkeypatch.setattr(frozen, "action_pause_all", pause_all, raising=False)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: len(cards(app)) == 7)
        cards(app)[0].focus()
        await pilot.press("p")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert ran == []
        await pilot.press("p", "y")
        await wait_until(pilot, lambda: ran == ["pause"])
        await wait_until(pilot, lambda: any("Paused 3" in n.message for n in app._notifications))


async def test_small_terminal_still_shows_the_board(make_app, frozen):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: cards(app) and cards(app)[0].state == "ready")
        view = app.query_one(BoardView)
        assert view.region.height >= 10
        assert cards(app)[0].region.width >= 18


async def test_unusable_settings_show_on_the_card_not_a_crash(
    make_app, frozen, services: Services, monkeypatch
):
    from launcher_tui.services.errors import ConfigUnavailable

    def refuse(ref):
        raise ConfigUnavailable("App 'This machine': secret cannot be decrypted — re-enter it.")

    app = make_app()
    monkeypatch.setattr(services.apps, "target", refuse)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: cards(app) and all(c.state == "error" for c in cards(app)))
        assert "re-enter" in str(cards(app)[0].query_one("#error").render())


async def test_card_titles_drop_the_app_name_on_a_one_app_board(make_app, frozen, demo):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(
            pilot, lambda: cards(app) and all(c.state != "loading" for c in cards(app))
        )
        await pilot.pause()
        titles = {str(c.border_title) for c in cards(app)}
        assert {"CPU", "Memory", "Disks", "Disk space alerts"} <= titles  # Home: one app
        home = app.current_board
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: app.current_board not in (None, home) and cards(app))
        titles = {str(c.border_title) for c in cards(app)}
        assert "Queue · Sonarr" in titles  # mixed board: the endpoint leads, then the app
        assert any(t.endswith("Down alert · Jellyfin") for t in titles)  # after its status dot


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 36)])
async def test_first_run_board_fits_without_scrolling(make_app, frozen, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: bool(cards(app)))
        await pilot.pause()
        board = app.current_board
        assert board.max_scroll_y == 0
        for card in cards(app):  # every card inside the board, borders included
            assert board.region.contains_region(card.region), card.border_title
