"""``launcher-tui config export|apply|schema``: the whole configuration as code."""

from __future__ import annotations

import argparse
from typing import Any

from launcher_tui.cli.output import Output


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    config = sub.add_parser("config", help="export and apply the whole configuration as YAML")
    cmds = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    p = cmds.add_parser(
        "export",
        parents=[common],
        help="write apps, settings, boards, widgets, bookmarks as one YAML document",
        description="Secrets are written as env:LT_<APP>_<SETTING> references, never in clear; "
        "set those variables (or change them to file:PATH) before 'config apply'.",
    )
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=run_export)
    p = cmds.add_parser(
        "apply",
        parents=[common],
        help="make the store match a document (one transaction), showing the diff",
    )
    p.add_argument("file", metavar="FILE", help="a document written by 'config export' (or '-')")
    p.add_argument("--dry-run", action="store_true", help="show the diff, change nothing")
    p.add_argument(
        "--prune", action="store_true", help="also remove apps, boards, bookmarks not in FILE"
    )
    p.set_defaults(func=run_apply)
    p = cmds.add_parser("schema", parents=[common], help="print the document's JSON Schema")
    p.set_defaults(func=run_schema)


def run_export(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data
    from launcher_tui.config_io.export import export_text

    problems: list[str] = []
    with open_data() as services:
        text = export_text(services, problems)
    for problem in problems:
        out.note(f"warning: {problem}")
    if args.out:
        from launcher_tui.config_io.files import write_atomic

        write_atomic(args.out, text)
        if out.json_mode:
            out.json({"ok": True, "written": args.out, "problems": problems})
        else:
            out.note(f"Wrote {args.out}.")
    elif out.json_mode:
        import yaml

        out.json(yaml.safe_load(text))
    elif _is_terminal(out):
        out.lines(text.splitlines())  # on a screen, odd characters are shown, not obeyed
    else:
        out.stdout.write(text)  # piped into a file: the exact document
    return 0


def _is_terminal(out: Output) -> bool:
    isatty = getattr(out.stdout, "isatty", None)
    return bool(isatty and isatty())


def run_apply(args: argparse.Namespace, out: Output) -> int:
    import sys

    from launcher_tui.cli.data import open_data
    from launcher_tui.config_io.apply import apply_document, load
    from launcher_tui.importers.yamlfile import read_text

    if args.file == "-":
        text: str | None = sys.stdin.read()
    else:
        from pathlib import Path

        text = read_text(Path(args.file))
    if text is None:
        from launcher_tui.cli.errors import CliError

        raise CliError(f"no such file: {args.file}")
    document = load(text, args.file)
    with open_data() as services:
        applied = apply_document(services, document, prune=args.prune, dry_run=args.dry_run)
    if out.json_mode:
        out.json(
            {
                "ok": True,
                "dry_run": applied.dry_run,
                "changed": applied.changed,
                "diff": applied.diff,
            }
        )
        return 0
    if not applied.changed:
        out.line("The store already matches the file.")
        return 0
    out.lines(applied.diff.splitlines())
    out.line("Dry run: nothing was changed." if applied.dry_run else "Applied.")
    return 0


def run_schema(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.config_io.document import json_schema

    out.stdout.write(json_schema())
    return 0
