"""``launcher-tui``: parse arguments, run one command, turn every failure into an exit code.

With no command the Textual dashboard starts; that is the only place Textual is imported, so the
headless commands start fast and work where Textual would not. Command modules register their
own subparsers (:data:`COMMAND_MODULES`) and import their heavy dependencies only when run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence

from launcher_tui import __version__
from launcher_tui.cli.args import common_parent
from launcher_tui.cli.errors import (
    EXIT_CODE_TABLE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    error_dict,
    exit_code_for,
)
from launcher_tui.cli.output import Output, install_log_handler

COMMAND_MODULES = (
    "catalog",
    "apps",
    "connection",
    "fetch",
    "alerts",
    "boards",
    "key",
    "action",
    "bookmarks",
    "importing",
    "config",
)

DESCRIPTION = """\
A terminal dashboard and app launcher for self-hosted services.

Run without a command to open the dashboard. Every command below works headless and,
where it prints data, takes --json.
Files: the database lives in $LAUNCHER_TUI_DATA_DIR (default: the user data dir), the
encryption key file in $LAUNCHER_TUI_CONFIG_DIR; $INTEGRATION_ENCRYPTION_KEY replaces the file.
"""


def _epilog() -> str:
    rows = "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODE_TABLE)
    return (
        "exit codes:\n"
        f"{rows}\n"
        "  ('alerts' uses 0 ok, 1 warning, 2 critical, 3 unchecked; see its --help)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The full parser; command modules add their subcommands."""
    common = common_parent()
    parser = argparse.ArgumentParser(
        prog="launcher-tui",
        description=DESCRIPTION,
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"launcher-tui {__version__}")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--debug", action="store_true", help="tracebacks for unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"launcher_tui.cli.commands.{name}")
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and ``python -m launcher_tui``; returns the exit code."""
    if argv is None:  # the launcher-tui process itself: see launcher_tui.startup_gc
        from launcher_tui import startup_gc

        startup_gc.hold()
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(json_mode=bool(args.json))
    # the dashboard never logs over its screen; --debug there means Textual's traceback
    install_log_handler(out, debug=bool(args.debug) and args.command is not None)
    if args.command is None:
        from launcher_tui.cli.commands.dashboard import run_dashboard

        code = _run(lambda: run_dashboard(parser, out, debug=args.debug), out, debug=args.debug)
        if argv is None:  # the launcher-tui process itself, not a Python caller
            exit_now(code)
        return code
    return _run(lambda: args.func(args, out), out, debug=args.debug)


def exit_now(code: int) -> None:
    """End the process without the interpreter's teardown (the dashboard's quit path).

    After ``q`` the screen is restored and the store closed within ~0.2 s, but tearing down
    the interpreter (module cleanup, collecting the widget tree, Textual, pydantic) took
    another 1-2.5 s before the shell prompt came back (bench/homepage_workload.py, P8).
    Nothing is left to do by then: streams and log handlers are flushed here.
    """
    import logging
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _run(command: object, out: Output, *, debug: bool) -> int:
    """Run ``command`` and map whatever it raises onto an exit code with a one-line message."""
    try:
        code = command()  # type: ignore[operator]
        return EXIT_OK if code is None else int(code)
    except KeyboardInterrupt:
        out.error("interrupted")
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except BrokenPipeError:  # `launcher-tui ... | head`
        return EXIT_OK
    except BaseException as exc:
        exit_code = exit_code_for(exc)
        if exit_code is None:
            return _internal_error(exc, out, debug=debug)
        report(exc, out)
        return exit_code
    finally:
        out.flush()


def report(exc: BaseException, out: Output) -> None:
    """Print a typed failure: one line (+ hint) on stderr, and ``{"ok": false, ...}`` for --json."""
    info = error_dict(exc)
    out.error(info.get("message") or str(exc), info.get("hint", ""), info.get("code", ""))
    if out.json_mode:
        out.json({"ok": False, "error": info})


def _internal_error(exc: BaseException, out: Output, *, debug: bool) -> int:
    if debug:
        import traceback

        out.note("".join(traceback.format_exception(exc)).rstrip())
    message = str(exc) or type(exc).__name__
    out.error(f"unexpected {type(exc).__name__}: {message} (run with --debug for details)")
    if out.json_mode:
        out.json({"ok": False, "error": {"code": "internal", "message": message, "hint": ""}})
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
