"""Argument groups several commands share, so each flag is spelled and documented once."""

from __future__ import annotations

import argparse

from launcher_tui.cli.values import SOURCES_HELP


def common_parent() -> argparse.ArgumentParser:
    """``--json`` and ``--debug``, accepted after any subcommand as well as before it.

    ``SUPPRESS`` defaults keep a flag given before the subcommand from being reset by the
    subparser's default.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print machine-readable JSON on stdout (errors too: {'ok': false, 'error': {...}})",
    )
    parent.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an unexpected error",
    )
    return parent


def add_settings_args(parser: argparse.ArgumentParser) -> None:
    """``--set KEY=VALUE`` (repeatable) and ``--prompt-secrets``."""
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        metavar="KEY=VALUE",
        default=[],
        help=f"an integration setting (repeatable). {SOURCES_HELP}",
    )
    parser.add_argument(
        "--prompt-secrets",
        action="store_true",
        help="ask (without echo) for every secret setting not given with --set",
    )


def add_tls_args(parser: argparse.ArgumentParser, *, tri_state: bool = False) -> None:
    """``--no-verify-tls`` / ``--ca-bundle`` (``--verify-tls`` too when editing)."""
    if tri_state:
        parser.add_argument(
            "--verify-tls",
            dest="verify_tls",
            action="store_const",
            const=True,
            default=None,
            help="verify the service's TLS certificate again",
        )
        default: bool | None = None
    else:
        default = True
    parser.add_argument(
        "--no-verify-tls",
        dest="verify_tls",
        action="store_const",
        const=False,
        default=default,
        help="do not verify the TLS certificate (self-signed homelab certificates)",
    )
    parser.add_argument(
        "--ca-bundle",
        metavar="PATH",
        default=None,
        help="PEM file with the CA that signed the service's certificate",
    )


def add_yes(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help=f"{what} without asking (required when there is no terminal to ask on)",
    )


def add_options_arg(parser: argparse.ArgumentParser) -> None:
    """``--option KEY=VALUE`` (repeatable): an endpoint's widget options."""
    parser.add_argument(
        "--option",
        dest="options",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a widget option of the endpoint (repeatable), typed by its schema",
    )
