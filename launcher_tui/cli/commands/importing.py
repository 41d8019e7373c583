"""``launcher-tui import homepage DIR`` and ``launcher-tui discover docker [APP]``.

Both build a plan (:mod:`launcher_tui.importers`), then apply it in one transaction, or with
``--dry-run`` run the same steps and roll back. The report lists every app with what happened to
it and every service that could not be mapped, with the reason. Values substituted from the
environment are registered for redaction before anything is printed.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from launcher_tui.cli.output import Output, table

if TYPE_CHECKING:
    from launcher_tui.importers.apply import Outcome
    from launcher_tui.importers.plan import Plan


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    imp = sub.add_parser("import", help="import apps, bookmarks and widgets from Homepage")
    cmds = imp.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    p = cmds.add_parser(
        "homepage",
        parents=[common],
        help="Homepage's config folder (services, bookmarks, settings, widgets .yaml)",
        description="Read Homepage's config folder and add or update apps, their integration "
        "settings (secrets encrypted), widgets on a board, bookmarks and settings. "
        "{{HOMEPAGE_VAR_X}} / {{HOMEPAGE_FILE_X}} are resolved from this environment. "
        "Re-running updates what an earlier run imported; fields you edited stay yours.",
    )
    p.add_argument("folder", metavar="DIR", help="Homepage's config folder")
    p.add_argument("--board", help="board for the widgets (default: Homepage)")
    p.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    p.set_defaults(func=run_import_homepage)

    disc = sub.add_parser("discover", help="add apps from homepage.* container labels")
    cmds = disc.add_subparsers(dest="discover_command", metavar="SOURCE", required=True)
    p = cmds.add_parser(
        "docker",
        parents=[common],
        help="containers labelled homepage.name + homepage.group, as Homepage reads them",
        description="Read the containers of a Docker engine through a docker app's connection "
        "and turn their homepage.* labels into apps and widgets. Re-discovery updates them; "
        "fields you edited stay yours.",
    )
    p.add_argument("app", nargs="?", help="the docker app to ask (default: every docker app)")
    p.add_argument("--board", help="board for the widgets (default: Homepage)")
    p.add_argument("--instance", help="Homepage instanceName for homepage.instance.NAME.* labels")
    p.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    p.add_argument(
        "--at-start",
        choices=("on", "off"),
        help="also discover every time the dashboard starts (on), or stop doing so (off)",
    )
    p.set_defaults(func=run_discover_docker)


def run_import_homepage(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data
    from launcher_tui.importers.apply import apply_plan
    from launcher_tui.importers.homepage import read_homepage

    with open_data() as services:
        plan = read_homepage(args.folder, services.registry, board=args.board)
        out.add_secrets(plan.secrets)
        outcome = apply_plan(services, plan, dry_run=args.dry_run)
    report(plan, outcome, out, source=f"Homepage config {args.folder}")
    return 0


def run_discover_docker(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data
    from launcher_tui.importers.discover import AT_START_SETTING, discover

    with open_data() as services:
        if args.at_start is not None:
            services.settings.set(AT_START_SETTING, args.at_start == "on")
            out.note(f"Discovery when the dashboard starts: {args.at_start}.")
        plan, outcome, engines = discover(
            services,
            app=args.app,
            board=args.board,
            instance=args.instance,
            dry_run=args.dry_run,
        )
        out.add_secrets(plan.secrets)
    report(plan, outcome, out, source="Docker " + ", ".join(engines))
    return 0


def not_mapped(plan: Plan, outcome: Outcome) -> list[dict[str, Any]]:
    """Every app with problems, and every service skipped, each with its reasons."""
    rows = [
        {"name": a["name"], "key": a["key"], "reasons": a["problems"]}
        for a in outcome.apps
        if a["problems"]
    ]
    rows += [{"name": s["name"], "key": s["name"], "reasons": [s["reason"]]} for s in plan.skipped]
    return rows


def report(plan: Plan, outcome: Outcome, out: Output, *, source: str) -> None:
    problems = not_mapped(plan, outcome)
    if out.json_mode:
        out.json(
            {
                "ok": True,
                **outcome.to_dict(),
                "not_mapped": problems,
                "problems": plan.problems,
                "plan": plan.to_dict(),
            }
        )
        return
    verb = "Would import" if outcome.dry_run else "Imported"
    out.line(f"{verb} from {source}:")
    rows = [
        (a["action"], a["name"], a.get("group", ""), a.get("integration") or "-")
        for a in outcome.apps
    ]
    out.lines(table(("action", "app", "group", "integration"), rows, "  "))
    if problems:
        out.line("Not mapped (the app is still a launcher entry where it has a URL):")
        for row in problems:
            for reason in row["reasons"]:
                out.line(f"  {row['key']}: {reason}")
    for problem in plan.problems:
        out.line(f"  note: {problem}")
    b = outcome.bookmarks
    out.line(f"Bookmarks: {b['created']} new, {b['updated']} updated.")
    if outcome.settings:
        out.line("Settings: " + ", ".join(f"{k}={v}" for k, v in outcome.settings.items()) + ".")
    if outcome.board:
        out.line(f"Board {outcome.board!r}: {outcome.widgets_added} widget(s) added.")
    if outcome.dry_run:
        out.line("Dry run: nothing was changed.")
