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
(the error/stale picture runs it two minutes ahead instead, so the stale badge shows an age).
Only the measured latency of the Nextcloud http check varies between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from integrations.models import Severity  # noqa: E402
from launcher_tui.app import LauncherApp  # noqa: E402
from launcher_tui.screens.board import Card  # noqa: E402
from launcher_tui.services import open_services  # noqa: E402
from tests.app.demo import (  # noqa: E402
    break_cpu_then_memory,
    frozen_clock,
    frozen_system,
    later_clock,
    seed_demo,
    serve_demo,
)
from tests.support.loopback import LoopbackServer  # noqa: E402

SIZE = (110, 34)
Step = Callable[[LauncherApp, object], Awaitable[None]]


async def settle(pilot, app: LauncherApp, timeout: float = 8.0) -> None:
    """Wait until every card of the shown board has drawn something."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        board = app.current_board
        cards = [c for c in board.cards if isinstance(c, Card)] if board else []
        if all(c.state != "loading" for c in cards):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.4)


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
            app = LauncherApp(services, clock=clock)
            app.STATUS_CHECKS = False  # made-up LAN URLs: no DNS timing in the pictures
            async with app.run_test(size=size) as pilot:
                await settle(pilot, app)
                if steps is not None:
                    await steps(app, pilot, server=server, system=system)
                app.save_screenshot(f"{name}.svg", path=str(out))
        finally:
            services.close()
    print(f"wrote {out / name}.svg")


async def media_board(app, pilot, **_):
    await pilot.press("right_square_bracket")
    await settle(pilot, app)


async def launcher(app, pilot, **_):
    await pilot.press("l")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while len(app.app_status) < 2 and loop.time() < deadline:
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def app_form(app, pilot, **_):
    await pilot.press("a")
    await pilot.pause(0.2)
    form = app.screen
    form.query_one("#app-name").value = "Sonarr"
    form.query_one("#app-url").value = "http://127.0.0.1:9"
    form.query_one("#app-group").value = "Media"
    form.query_one("#app-integration").value = "sonarr"
    while form.config_form is None:
        await pilot.pause(0.05)
    form.config_form.input_for("api_key").value = "not-the-key"
    await pilot.press("ctrl+t")
    while form.last_outcome is None:
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def widget_form(app, pilot, **_):
    await pilot.press("w")
    await pilot.pause(0.2)
    form = app.screen
    form.query_one("#widget-app").value = app.services.apps.get("This machine").id
    while form.endpoint is None:
        await pilot.pause(0.05)
    form.query_one("#widget-endpoint").value = "processes"
    while not form.query("#options-form"):
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def error_states(app, pilot, system, **_):
    """Home board: CPU never answered (error card) beside memory, which did, then failed (stale)."""
    await break_cpu_then_memory(pilot, system)
    await pilot.pause(0.3)


async def help_screen(app, pilot, **_):
    await pilot.press("question_mark")
    await pilot.pause(0.3)


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    await shoot(out, "first-run", demo=False)
    await shoot(out, "board-all-renderers", size=(110, 40))
    await shoot(out, "board-media", media_board)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    asyncio.run(main(parser.parse_args().out))
