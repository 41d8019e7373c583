"""``launcher-tui boards list|add|remove`` and ``launcher-tui widgets list|add|edit|remove``."""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

from launcher_tui.cli.args import add_options_arg, add_yes
from launcher_tui.cli.errors import CliError
from launcher_tui.cli.output import Output, format_value, table


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    boards = sub.add_parser("boards", help="list, add and remove boards")
    cmds = boards.add_subparsers(dest="boards_command", metavar="ACTION", required=True)
    p = cmds.add_parser("list", parents=[common], help="list boards")
    p.set_defaults(func=run_boards_list)
    p = cmds.add_parser("add", parents=[common], help="add an empty board")
    p.add_argument("name", help="unique board name")
    p.add_argument("--columns", type=int, default=4, help="grid width (1-12, default 4)")
    p.set_defaults(func=run_boards_add)
    p = cmds.add_parser("remove", parents=[common], help="remove a board and its widgets")
    p.add_argument("name", help="board name (or id)")
    add_yes(p, "remove")
    p.set_defaults(func=run_boards_remove)

    widgets = sub.add_parser("widgets", help="list, add and remove widgets on boards")
    cmds = widgets.add_subparsers(dest="widgets_command", metavar="ACTION", required=True)
    p = cmds.add_parser("list", parents=[common], help="list widgets")
    p.add_argument("--board", help="only this board")
    p.set_defaults(func=run_widgets_list)
    p = cmds.add_parser("add", parents=[common], help="put an app endpoint on a board")
    p.add_argument("board", help="board name (or id)")
    p.add_argument("app", help="app name (or id)")
    p.add_argument("endpoint", help="endpoint id (see 'launcher-tui apps show APP')")
    p.add_argument("--x", type=int, help="column (default: first free place)")
    p.add_argument("--y", type=int, help="row (default: first free place)")
    p.add_argument(
        "--w", type=int, help="width in columns (default: as in the dashboard, 2 for lists/charts)"
    )
    p.add_argument(
        "--h", type=int, help="height in rows (default: as in the dashboard, 2 for lists/charts)"
    )
    p.add_argument(
        "--refresh", type=float, metavar="SECONDS", help="refresh interval (default: endpoint's)"
    )
    add_options_arg(p)
    p.set_defaults(func=run_widgets_add)
    p = cmds.add_parser("edit", parents=[common], help="change a widget in place")
    p.add_argument("id", type=int, help="widget id (see 'launcher-tui widgets list')")
    p.add_argument("--title", help="the card's own title ('' = derived from app and data)")
    p.add_argument(
        "--refresh",
        metavar="SECONDS",
        help="refresh interval in seconds ('default' = the endpoint's)",
    )
    for name, text in (("x", "column"), ("y", "row"), ("w", "width"), ("h", "height")):
        p.add_argument(f"--{name}", type=int, help=f"new {text}")
    add_options_arg(p)
    p.add_argument(
        "--clear-options",
        action="store_true",
        help="start from no options (otherwise --option changes only the keys given)",
    )
    p.set_defaults(func=run_widgets_edit)
    p = cmds.add_parser("remove", parents=[common], help="remove a widget")
    p.add_argument("id", type=int, help="widget id (see 'launcher-tui widgets list')")
    p.set_defaults(func=run_widgets_remove)


def board_lookup(services: Any) -> contextlib.AbstractContextManager[None]:
    """The service layer's "no such board" as a usage error with close names."""
    from launcher_tui.cli.data import lookup

    return lookup(services, "board")


# -- boards -----------------------------------------------------------------------------------


def run_boards_list(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        boards = services.boards.list()
    if out.json_mode:
        out.json({"boards": [b.model_dump(mode="json") for b in boards]})
    elif not boards:
        out.line("No boards yet. Add one with: launcher-tui boards add NAME")
    else:
        rows = [(b.id, b.name, b.columns, b.widget_count) for b in boards]
        out.lines(table(("id", "name", "columns", "widgets"), rows))
    return 0


def run_boards_add(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        board = services.boards.add({"name": args.name, "columns": args.columns})
    if out.json_mode:
        out.json(board.model_dump(mode="json"))
    else:
        out.line(f"Added board {board.name!r} ({board.columns} columns).")
    return 0


def run_boards_remove(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data
    from launcher_tui.cli.session import confirm

    with open_data() as services:
        with board_lookup(services):
            board = services.boards.get(args.name)
        question = f"Remove board {board.name!r} and its {board.widget_count} widget(s)?"
        if not confirm(question, yes=args.yes, what="remove"):
            out.note("Nothing removed.")
            return 1
        removed = services.boards.remove(board.id)
    if out.json_mode:
        out.json({"ok": True, "removed": removed.model_dump(mode="json")})
    else:
        out.line(f"Removed board {removed.name!r}.")
    return 0


# -- widgets ----------------------------------------------------------------------------------


def run_widgets_list(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services, board_lookup(services):
        widgets = services.widgets.list(args.board)
    if out.json_mode:
        out.json({"widgets": [w.model_dump(mode="json") for w in widgets]})
    elif not widgets:
        out.line("No widgets. Add one with: launcher-tui widgets add BOARD APP ENDPOINT")
    else:
        rows = [
            (
                w.id,
                w.board,
                w.app,
                w.endpoint,
                w.kind,
                w.title or "",
                f"{w.x},{w.y} {w.w}x{w.h}",
                f"{w.effective_refresh:g}s",
                " ".join(f"{k}={format_value(v)}" for k, v in w.options.items()),
            )
            for w in widgets
        ]
        out.lines(
            table(
                ("id", "board", "app", "endpoint", "kind", "title", "place", "refresh", "options"),
                rows,
            )
        )
    return 0


def run_widgets_add(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.commands.fetch import find_endpoint, parse_options
    from launcher_tui.cli.data import get_app, open_data
    from launcher_tui.cli.session import get_integration
    from launcher_tui.services.widgets import default_size

    with open_data() as services:
        with board_lookup(services):
            board = services.boards.get(args.board)
        app = get_app(services, args.app)
        if not app.integration:
            raise CliError(
                f"app {app.name!r} has no integration, so it has no data for a widget",
                hint=f"Bind one: launcher-tui apps edit {app.name!r} --integration TYPE --set ...",
            )
        endpoint = find_endpoint(get_integration(app.integration), args.endpoint, app.name)
        payload: dict[str, Any] = {
            "board": board.id,
            "app": app.id,
            "endpoint": endpoint.id,
            "options": parse_options(endpoint, args.options) or {},
        }
        w, h = default_size(endpoint)  # the size the dashboard's add-widget form gives it
        payload["w"] = args.w if args.w is not None else min(w, board.columns)
        payload["h"] = args.h if args.h is not None else h
        for key, value in (("x", args.x), ("y", args.y), ("refresh_interval", args.refresh)):
            if value is not None:
                payload[key] = value
        widget = services.widgets.add(payload)
    if args.refresh is not None and args.refresh < endpoint.ttl:
        # the shared cache serves the same answer until the TTL ends (issue #11): say so
        out.note(
            f"note: {endpoint.name} data is cached for {endpoint.ttl:g} s, so a "
            f"{args.refresh:g} s refresh shows new data every {endpoint.ttl:g} s at most."
        )
    if out.json_mode:
        out.json(widget.model_dump(mode="json"))
    else:
        out.line(
            f"Added widget {widget.id}: {widget.app} · {widget.endpoint} ({widget.kind}) on "
            f"{widget.board!r} at {widget.x},{widget.y} size {widget.w}x{widget.h}."
        )
    return 0


def run_widgets_remove(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        widget = services.widgets.remove(args.id)
    if out.json_mode:
        out.json({"ok": True, "removed": widget.model_dump(mode="json")})
    else:
        out.line(
            f"Removed widget {widget.id} ({widget.app} · {widget.endpoint} on {widget.board!r})."
        )
    return 0


def run_widgets_edit(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.commands.fetch import find_endpoint, parse_options
    from launcher_tui.cli.data import open_data
    from launcher_tui.cli.session import get_integration

    with open_data() as services:
        widget = services.widgets.get(args.id)
        changes: dict[str, Any] = {}
        if args.title is not None:
            changes["title"] = args.title or None
        if args.refresh is not None:
            changes["refresh_interval"] = _refresh(args.refresh)
        for name in ("x", "y", "w", "h"):
            if getattr(args, name) is not None:
                changes[name] = getattr(args, name)
        if args.options or args.clear_options:
            app = services.apps.get(widget.app_id)
            endpoint = find_endpoint(get_integration(app.integration), widget.endpoint, app.name)
            base = {} if args.clear_options else dict(widget.options)
            changes["options"] = {**base, **(parse_options(endpoint, args.options) or {})}
        if not changes:
            raise CliError(
                "nothing to change",
                hint="Give at least one of --title --refresh --x --y --w --h --option.",
            )
        widget = services.widgets.update(widget.id, changes)
    if out.json_mode:
        out.json(widget.model_dump(mode="json"))
    else:
        title = f" {widget.title!r}" if widget.title else ""
        out.line(
            f"Updated widget {widget.id}{title}: {widget.app} · {widget.endpoint} on "
            f"{widget.board!r} at {widget.x},{widget.y} size {widget.w}x{widget.h}, "
            f"every {widget.effective_refresh:g}s."
        )
    return 0


def _refresh(text: str) -> float | None:
    """``--refresh`` value: seconds, or ``default`` for the endpoint's own interval."""
    if text.strip().lower() in ("default", ""):
        return None
    try:
        return float(text)
    except ValueError:
        raise CliError(
            f"--refresh {text!r} is not a number of seconds", hint="e.g. --refresh 30"
        ) from None
