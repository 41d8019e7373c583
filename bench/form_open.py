"""Forms open fast: from the key (``a``, ``w``, ``e``) to the first field holding the focus.

Goal (median of the runs): ≤ 150 ms from the key to a focused first field, for the add-app form
(``a``), the add-widget form (``w``) and the widget editor (``e`` on a card). People type the
next key right away; the type-ahead gate keeps those keys, but a form that takes a second to
appear still feels broken (issue #10 measured 0.8-1.7 s).

How: the real ``LauncherApp`` on a throwaway store (the first-run board plus one app per
integration, so the pickers hold what a busy homelab has), headless (``App.run_test``, 80x24).
The key is handed to the driver exactly as a terminal read would deliver it; the clock stops
when ``app.focused`` is the form's first field. Escape closes the form between runs. Headless
means no terminal writes: the numbers are the app's own cost.

Two figures per form: wall time (what a person waits on an idle machine) and the process's CPU
time over the same span. On a shared 2-core machine the wall time also counts every neighbour's
turn on the CPU (at load 4 it reads ~2x the CPU time); the CPU time is the app's own work and is
what a busy neighbour changes least, so the goal is judged on both and both are printed.

Run: ``python bench/form_open.py [--runs 15]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import tempfile
import time

from _common import Metric, report

GOAL_MS = 150.0
FORMS = (("a", "add app", "#app-name"), ("w", "add widget", "#widget-app"))


async def measure(runs: int) -> list[Metric]:
    from launcher_tui.app import LauncherApp
    from launcher_tui.services import open_services
    from launcher_tui.services.errors import ValidationFailed
    from tests.support.keys import burst
    from widgets.forms import fields_from_schema

    services = open_services()
    services.first_run()
    for integration in services.registry.list():
        config = {
            s.name: "http://127.0.0.1:9" if s.kind == "url" else "x"
            for s in fields_from_schema(integration.config_model)
            if s.required and not s.nullable
        }
        with contextlib.suppress(ValidationFailed):  # a setting with its own format: skip it
            services.apps.add(
                {
                    "name": f"{integration.name} (bench)",
                    "url": "http://127.0.0.1:9",
                    "integration": integration.id,
                    "integration_enabled": False,
                    "config": config,
                }
            )
    names = {key: name for key, name, _ in FORMS} | {"e": "edit widget"}

    def goal(clock: str) -> dict[str, Metric]:
        """One metric per form for ``clock`` ("wall" or "CPU"), judged against the same goal."""
        return {
            key: Metric(
                f"{name} ({key}): key to focused field, {clock}",
                "ms",
                f"<= {GOAL_MS:g}",
                lambda v: v <= GOAL_MS,
            )
            for key, name in names.items()
        }

    metrics, cpu = goal("wall"), goal("CPU")
    selectors = {key: selector for key, _, selector in FORMS} | {"e": "#widget-title"}
    app = LauncherApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.focused_card is None:
            await pilot.pause(0.01)
        for _ in range(runs):
            for key, selector in selectors.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                burst(app, key)
                while not (
                    app.screen.query(selector) and app.focused in app.screen.query(selector)
                ):
                    await asyncio.sleep(0.001)
                metrics[key].add((time.perf_counter() - start) * 1000)
                cpu[key].add((time.process_time() - start_cpu) * 1000)
                burst(app, "escape")
                while app.screen is not app.screen_stack[0] or app.focused_card is None:
                    await asyncio.sleep(0.001)
    services.close()
    return [metric for key in names for metric in (metrics[key], cpu[key])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="opens of each form (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LAUNCHER_TUI_DATA_DIR"] = tmp
        os.environ["LAUNCHER_TUI_CONFIG_DIR"] = tmp
        metrics = asyncio.run(measure(args.runs))
    report(
        f"form open: {args.runs} runs per form, 80x24 headless, one app per integration",
        metrics,
        [
            "first open of each form included (imports and CSS are paid there)",
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end",
        ],
    )


if __name__ == "__main__":
    main()
