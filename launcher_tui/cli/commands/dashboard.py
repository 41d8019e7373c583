"""``launcher-tui`` without a command: start the Textual dashboard (the only Textual import)."""

from __future__ import annotations

import argparse
import importlib.util

from launcher_tui.cli.errors import EXIT_OK
from launcher_tui.cli.output import Output


def run_dashboard(parser: argparse.ArgumentParser, out: Output) -> int:
    """Start the dashboard, or explain that it is not installed and show the commands."""
    if importlib.util.find_spec("launcher_tui.app") is None:
        out.note("The dashboard is not installed in this build; the headless commands work.")
        out.line(parser.format_help().rstrip())
        return EXIT_OK
    from launcher_tui.app import run

    result = run()
    return result if isinstance(result, int) else EXIT_OK
