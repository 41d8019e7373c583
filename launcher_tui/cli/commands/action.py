"""``launcher-tui action APP ACTION``: make a service do something (pause all, resume all)."""

from __future__ import annotations

import argparse
from typing import Any

from launcher_tui.cli.args import add_yes
from launcher_tui.cli.commands.connection import add_timeout
from launcher_tui.cli.errors import EXIT_FAILED
from launcher_tui.cli.output import Output


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "action",
        parents=[common],
        help="run an integration action on an app (asks first unless --yes)",
        description=(
            "Run one of the app's integration actions ('launcher-tui apps show APP' lists "
            "them). Asks for confirmation on a terminal; without a terminal --yes is required "
            "(otherwise exit 2). Exit 1 when the service refuses or fails."
        ),
    )
    p.add_argument("app", help="app name (or id)")
    p.add_argument("action", help="action id, e.g. pause_all")
    add_yes(p, "run the action")
    add_timeout(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import get_target, open_data
    from launcher_tui.cli.session import confirm, get_integration, run_async, unknown_member

    with open_data() as services:
        target = get_target(services, args.app, out, timeout=args.timeout)
    integration = get_integration(target.integration_id)
    action = next((a for a in integration.actions if a.id == args.action), None)
    if action is None:
        ids = [a.id for a in integration.actions]
        raise unknown_member(
            "action", args.action, ids, app=target.app_name, integration=integration.id
        )
    question = f"{target.app_name}: {action.confirm}"
    if not confirm(question, yes=args.yes, what=f"run {action.id!r}"):
        out.note("Cancelled; nothing was done.")
        return EXIT_FAILED
    summary = run_async(lambda runtime: runtime.run_action(target, action.id))
    if out.json_mode:
        out.json({"ok": True, "app": target.app_name, "action": action.id, "summary": summary})
    else:
        out.line(f"{target.app_name}: {action.label}: {summary}")
    return 0
