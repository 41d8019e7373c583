"""``launcher-tui key status|rotate``: the encryption key that protects stored secrets."""

from __future__ import annotations

import argparse
from typing import Any

from launcher_tui.cli.output import Output


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    key = sub.add_parser("key", help="encryption key status and rotation")
    cmds = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)

    p = cmds.add_parser(
        "status", parents=[common], help="where the key comes from, unreadable apps"
    )
    p.set_defaults(func=run_status)

    p = cmds.add_parser(
        "rotate",
        parents=[common],
        help="re-encrypt every stored config under a new key (one transaction)",
        description=(
            "Re-encrypt every stored integration config under a new key, all or nothing. "
            "By default a new random key replaces the key file. With --env-key the new key is "
            "a new $INTEGRATION_ENCRYPTION_KEY value (env:NAME, @PATH or - to prompt): set the "
            "variable to it afterwards."
        ),
    )
    p.add_argument(
        "--env-key",
        metavar="SOURCE",
        help="the new INTEGRATION_ENCRYPTION_KEY value: env:NAME, @PATH or - (prompt)",
    )
    p.set_defaults(func=run_rotate)


def run_status(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        status = services.keys.status()
    data = status.to_dict()
    if out.json_mode:
        out.json(data)
        return 0
    for name, value in data.items():
        if isinstance(value, list):
            value = ", ".join(value) or "-"
        out.line(f"{name.replace('_', ' ')}: {'-' if value in (None, '') else value}")
    return 0 if not (status.undecryptable_apps or status.corrupt_apps or status.problem) else 1


def run_rotate(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data
    from launcher_tui.cli.errors import CliError
    from launcher_tui.cli.values import resolve_source

    new_key: str | None = None
    if args.env_key is not None:
        if args.env_key != "-" and not args.env_key.startswith(("env:", "@")):
            raise CliError(
                "--env-key takes env:NAME, @PATH or - so the key stays out of shell history"
            )
        new_key = resolve_source("new INTEGRATION_ENCRYPTION_KEY", args.env_key)
        out.add_secret(new_key)
    with open_data() as services:
        count = services.keys.rotate(new_key)
        fingerprint = services.keys.status().fingerprint
    if out.json_mode:
        out.json(
            {
                "ok": True,
                "reencrypted": count,
                "fingerprint": fingerprint,
                "key_source": "env" if new_key is not None else "file",
            }
        )
        return 0
    out.line(f"Re-encrypted {count} app config{'s' if count != 1 else ''}; new key {fingerprint}.")
    if new_key is not None:
        out.line("Set INTEGRATION_ENCRYPTION_KEY to the new value before the next run.")
    return 0
