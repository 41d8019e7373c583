"""``launcher-tui bookmarks list|add|remove``: plain links shown in the launcher."""

from __future__ import annotations

import argparse
from typing import Any

from launcher_tui.cli.output import Output, table


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    bookmarks = sub.add_parser("bookmarks", help="list, add and remove bookmarks (plain links)")
    cmds = bookmarks.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)
    p = cmds.add_parser("list", parents=[common], help="list bookmarks")
    p.add_argument("--group", help="only this group")
    p.set_defaults(func=run_list)
    p = cmds.add_parser("add", parents=[common], help="add a bookmark")
    p.add_argument("name", help="name, unique within its group")
    p.add_argument("--url", required=True, help="where it leads")
    p.add_argument("--group", default="", help="group shown in the launcher")
    p.add_argument("--icon", default="", help="a short icon (emoji, abbreviation)")
    p.add_argument("--description", default="", help="one line shown with the name")
    p.set_defaults(func=run_add)
    p = cmds.add_parser("remove", parents=[common], help="remove a bookmark")
    p.add_argument("name", help="id, GROUP/NAME, or a name only one bookmark has")
    p.set_defaults(func=run_remove)


def run_list(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        bookmarks = services.bookmarks.list(args.group)
    if out.json_mode:
        out.json({"bookmarks": [b.model_dump(mode="json") for b in bookmarks]})
    elif not bookmarks:
        out.line("No bookmarks yet. Add one with: launcher-tui bookmarks add NAME --url URL")
    else:
        rows = [(b.id, b.group, b.name, b.url, b.description) for b in bookmarks]
        out.lines(table(("id", "group", "name", "url", "description"), rows))
    return 0


def run_add(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    payload = {
        "name": args.name,
        "url": args.url,
        "group": args.group,
        "icon": args.icon,
        "description": args.description,
    }
    with open_data() as services:
        bookmark = services.bookmarks.add(payload)
    if out.json_mode:
        out.json(bookmark.model_dump(mode="json"))
    else:
        where = f" in {bookmark.group!r}" if bookmark.group else ""
        out.line(f"Added bookmark {bookmark.name!r}{where}.")
    return 0


def run_remove(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        removed = services.bookmarks.remove(args.name)
    if out.json_mode:
        out.json({"ok": True, "removed": removed.model_dump(mode="json")})
    else:
        out.line(f"Removed bookmark {removed.name!r}.")
    return 0
