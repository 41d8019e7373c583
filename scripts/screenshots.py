"""Write the README screenshots (``screenshots/*.svg``) from the real dashboard.

Run from the repository root: ``python scripts/screenshots.py`` (``--out DIR`` to write
elsewhere). Each picture is the real :class:`launcher_tui.app.LauncherApp` under
``App.run_test``, saved with ``save_screenshot``.

Determinism: the store lives in a temporary ``LAUNCHER_TUI_DATA_DIR``/``CONFIG_DIR``; the
``system`` integration is replaced by ``tests.app.demo.FrozenSystem`` (fixed CPU, memory, load,
disks, processes, uptime) registered under the same id, so no value of the machine running the
script appears; Sonarr and the http checks answer from a loopback HTTP server serving the Sonarr
answers recorded for its tests (apps show made-up LAN URLs, their ``api_url`` points at the
server, so the port never shows); the app clock is frozen so every card reads "updated just now"
(the error/stale picture runs it two minutes ahead instead, so the stale badge shows an age);
the http checks' measured latency and check time are replaced by fixed values; text cursors do
not blink (``tests.support.steady_cursor``). Before each capture the script waits for the
picture's state, never for a delay: every subscribed key fetched at least once, no card loading
or refreshing, the focus where it will stay, every pending message processed. Two runs in a row
give byte-identical SVGs; ``tests/test_screenshots.py`` checks that the committed ones are what
the script writes.

Shots at 80x24 (the default SSH window) show the first run and a board with two apps.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from integrations.models import Severity  # noqa: E402
from launcher_tui.app import LauncherApp  # noqa: E402
from launcher_tui.screens.board import Card  # noqa: E402
from launcher_tui.services import Services, open_services  # noqa: E402
from tests.app.demo import (  # noqa: E402
    break_cpu_then_memory,
    frozen_clock,
    frozen_system,
    later_clock,
    seed_demo,
    serve_demo,
)
from tests.support.loopback import LoopbackServer  # noqa: E402
from tests.support.steady_cursor import steady_cursor  # noqa: E402
from widgets.chart import Chart  # noqa: E402

HTTP_LATENCY_MS = 23.0
"""What every http check "measured" in the pictures."""

SIZE = (110, 34)
Step = Callable[[LauncherApp, object], Awaitable[None]]


async def wait_for(pilot, predicate: Callable[[], object], what: str, timeout: float = 60) -> None:
    """Let the app run until ``predicate()`` holds; fail loudly (never capture a wrong state)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise RuntimeError(f"screenshot state never reached: {what}")
        await pilot.pause(0.05)


def board_settled(app: LauncherApp) -> bool:
    """Every key the app listens to fetched once; no card of the shown board loading or
    refreshing; the focus on a card (the footer shows the card's keys)."""
    coordinators = list(app.hub._coordinators.values())
    if any(c.listening and c.last is None for c in coordinators):
        return False
    board = app.current_board
    if board is None:
        return True
    if len(board.cards) != len(app.services.widgets.list(board.board_id)):
        return False  # a board's cards are mounted when it is first shown
    cards = [c for c in board.cards if isinstance(c, Card)]
    if any(c.state == "loading" or c.refreshing for c in cards):
        return False
    return not board.cards or app.focused in board.cards


async def settle(pilot, app: LauncherApp) -> None:
    """Wait until the shown board is in its final state, then until every message is handled."""
    await wait_for(pilot, lambda: board_settled(app), "every card filled and focused")
    await pilot.pause()


async def still_picture(pilot, app: LauncherApp, tries: int = 50) -> str:
    """The screen as SVG once it no longer changes: two exports in a row, with every pending
    message handled between them, give the same picture (a late resize or redraw is in)."""
    # charts draw their plot for the size they had at their last resize or data; at 80x24 that
    # was sometimes one cell off the final layout (a tick label moved): draw them once more now
    for chart in app.screen.query(Chart):
        chart._redraw()
    picture = app.export_screenshot()
    for _ in range(tries):
        await pilot.pause()
        again = app.export_screenshot()
        if again == picture:
            return picture
        picture = again
    raise RuntimeError(f"the screen kept changing over {tries} redraws")


@contextmanager
def fixed_http_checks() -> Iterator[None]:
    """http checks report :data:`HTTP_LATENCY_MS` and a fixed check time, not what they took."""
    from integrations.http import integration as http
    from tests.app.demo import NOW

    real = http.run_check

    async def run_check(ctx, config):
        result = await real(ctx, config)
        latency = HTTP_LATENCY_MS if result.latency_ms is not None else None
        return dataclasses.replace(result, latency_ms=latency, checked_at=NOW)

    http.run_check = run_check
    try:
        yield
    finally:
        http.run_check = real


async def shoot(
    out: Path,
    name: str,
    steps: Step | None = None,
    *,
    demo: bool = True,
    alert: Severity | None = None,
    fail: frozenset[str] = frozenset(),
    clock: Callable[[], float] = frozen_clock,
    size: tuple[int, int] = SIZE,
    seed: Callable[[Services], None] | None = None,
) -> None:
    """One screenshot from a fresh store (first run, plus the demo apps when ``demo``)."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        LoopbackServer() as server,
        frozen_system() as system,
    ):
        os.environ["LAUNCHER_TUI_DATA_DIR"] = f"{tmp}/data"
        os.environ["LAUNCHER_TUI_CONFIG_DIR"] = f"{tmp}/config"
        os.environ.pop("INTEGRATION_ENCRYPTION_KEY", None)
        system.alert_level = alert
        system.fail = set(fail)
        serve_demo(server)
        services = open_services()
        try:
            if demo:
                seed_demo(services, server.url)
            else:
                services.first_run()
            if seed is not None:
                seed(services)
            app = LauncherApp(services, clock=clock)
            app.STATUS_CHECKS = False  # made-up LAN URLs: no DNS timing in the pictures
            async with app.run_test(size=size) as pilot:
                await settle(pilot, app)
                if steps is not None:
                    await steps(app, pilot, server=server, system=system)
                (out / f"{name}.svg").write_text(await still_picture(pilot, app), "utf-8")
        finally:
            services.close()
    print(f"wrote {out / name}.svg")


async def media_board(app, pilot, **_):
    home = app.current_board
    await pilot.press("right_square_bracket")
    await wait_for(pilot, lambda: app.current_board not in (None, home), "the Media board shown")
    await settle(pilot, app)


def seed_two_apps_board(services: Services) -> None:
    """A board mixing this machine and Sonarr (card titles then name the app)."""
    machine, sonarr = services.apps.get("This machine").id, services.apps.get("Sonarr").id
    board = services.boards.add({"name": "Servers", "columns": 2}).id
    for app_id, endpoint, x, y in [
        (machine, "cpu", 0, 0),
        (machine, "memory", 1, 0),
        (sonarr, "counts", 0, 1),
        (sonarr, "health", 1, 1),
    ]:
        services.widgets.add({"board": board, "app": app_id, "endpoint": endpoint, "x": x, "y": y})


async def servers_board(app, pilot, **_):
    board_id = app.services.boards.get("Servers").id
    app.switch_board(board_id)
    await wait_for(
        pilot,
        lambda: app.current_board is not None and app.current_board.board_id == board_id,
        "the Servers board shown",
    )
    await settle(pilot, app)


async def launcher(app, pilot, **_):
    await pilot.press("l")
    await wait_for(pilot, lambda: len(app.app_status) >= 2, "both http checks in the launcher")
    await wait_for(pilot, lambda: app.focused is not None, "the launcher list focused")
    await settle(pilot, app)


async def app_form(app, pilot, **_):
    from launcher_tui.screens.app_form import AppForm

    await pilot.press("a")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, AppForm) and app.screen.query("#app-integration"),
        "the app form open, its fields mounted",
    )
    form = app.screen
    form.query_one("#app-name").value = "Sonarr"
    form.query_one("#app-url").value = "http://127.0.0.1:9"
    form.query_one("#app-group").value = "Media"
    form.query_one("#app-integration").value = "sonarr"
    await wait_for(pilot, lambda: form.config_form is not None, "the Sonarr settings fields")
    form.config_form.input_for("api_key").value = "not-the-key"
    await pilot.press("ctrl+t")
    await wait_for(pilot, lambda: form.last_outcome is not None, "the connection test's outcome")
    await pilot.pause()


async def widget_form(app, pilot, **_):
    from launcher_tui.screens.widget_form import WidgetForm

    await pilot.press("w")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, WidgetForm) and app.screen.query("#widget-endpoint"),
        "the widget form open, its fields mounted",
    )
    form = app.screen
    form.query_one("#widget-app").value = app.services.apps.get("This machine").id
    await wait_for(pilot, lambda: form.endpoint is not None, "the endpoint list")
    form.query_one("#widget-endpoint").value = "processes"
    await wait_for(pilot, lambda: bool(form.query("#options-form")), "the endpoint's options")
    await pilot.pause()


async def error_states(app, pilot, system, **_):
    """Home board: CPU never answered (error card) beside memory, which did, then failed (stale)."""
    await break_cpu_then_memory(pilot, system, timeout=60)
    await settle(pilot, app)


async def help_screen(app, pilot, **_):
    from launcher_tui.screens.help import HelpScreen

    await pilot.press("question_mark")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, HelpScreen) and app.screen.query("#help-grid Static"),
        "the help screen filled",
    )
    await pilot.pause()


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with steady_cursor(), fixed_http_checks():
        await shoot(out, "first-run", demo=False)
        await shoot(out, "first-run-80x24", demo=False, size=(80, 24))
        await shoot(out, "board-all-renderers", size=(110, 40))
        await shoot(out, "board-media", media_board)
        await shoot(
            out, "board-two-apps-80x24", servers_board, size=(80, 24), seed=seed_two_apps_board
        )
        await shoot(out, "launcher", launcher)
        await shoot(out, "app-form", app_form, size=(100, 40))
        await shoot(out, "widget-form", widget_form, size=(100, 40))
        await shoot(out, "alert-banner", alert=Severity.CRITICAL)
        await shoot(
            out,
            "error-stale",
            error_states,
            demo=False,
            fail=frozenset({"cpu"}),
            clock=later_clock,
        )
        await shoot(out, "help", help_screen, size=(100, 40))


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # str hashes are salted per process, and the chart's tick labels came out one cell
        # apart depending on the salt (a set's order): run again with a fixed one
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    asyncio.run(main(parser.parse_args().out))
