"""``launcher-tui`` without a command: start the Textual dashboard (the only Textual import)."""

from __future__ import annotations

import argparse
import importlib.util

from launcher_tui.cli.errors import EXIT_OK
from launcher_tui.cli.output import Output


def run_dashboard(parser: argparse.ArgumentParser, out: Output, *, debug: bool = False) -> int:
    """Start the dashboard, or explain that it is not installed and show the commands."""
    if importlib.util.find_spec("launcher_tui.app") is None:
        out.note("The dashboard is not installed in this build; the headless commands work.")
        out.line(parser.format_help().rstrip())
        return EXIT_OK
    discover_at_start(out)
    from launcher_tui.app import run

    result = run(debug=debug)
    return result if isinstance(result, int) else EXIT_OK


def discover_at_start(out: Output) -> None:
    """``discover docker --at-start on``: refresh discovered apps before the dashboard opens.

    Opt-in, and never in the way: an engine that is away only leaves a note on stderr.
    """
    from launcher_tui.cli.data import open_data

    try:
        with open_data() as services:
            if services.settings.get("discover_docker_at_start") != "on":
                return  # the usual case: nothing more is imported or asked
            from launcher_tui.importers.discover import discover_at_start as run_discovery

            run_discovery(services)
    except Exception as exc:
        out.note(f"Docker discovery at start skipped: {exc}")
