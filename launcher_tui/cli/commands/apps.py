"""``launcher-tui apps list|show|add|edit|remove``: launcher entries and their integrations."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from launcher_tui.cli.args import add_settings_args, add_tls_args, add_yes
from launcher_tui.cli.errors import CliError
from launcher_tui.cli.output import Output, format_value, mask_config, table
from launcher_tui.cli.values import SECRETS_EPILOG

if TYPE_CHECKING:
    from launcher_tui.services.schemas import AppRecord


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    apps = sub.add_parser("apps", help="list, show, add, edit and remove apps")
    cmds = apps.add_subparsers(dest="apps_command", metavar="ACTION", required=True)

    p = cmds.add_parser("list", parents=[common], help="list apps (secrets masked)")
    p.set_defaults(func=run_list)

    p = cmds.add_parser("show", parents=[common], help="one app: settings, endpoints, actions")
    p.add_argument("name", help="app name (or id)")
    p.set_defaults(func=run_show)

    p = cmds.add_parser(
        "add",
        parents=[common],
        help="add an app",
        epilog=SECRETS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", help="unique app name")
    p.add_argument("--url", required=True, help="the app's URL (also the API base)")
    _add_details(p)
    p.add_argument("--integration", metavar="TYPE", help="bind an integration (e.g. sonarr)")
    add_settings_args(p)
    add_tls_args(p)
    p.set_defaults(func=run_add)

    p = cmds.add_parser(
        "edit",
        parents=[common],
        help="change an app (only the options given)",
        epilog=SECRETS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", help="app name (or id)")
    p.add_argument("--rename", metavar="NEW_NAME", help="give the app a new name")
    p.add_argument("--url", help="new URL")
    _add_details(p)
    p.add_argument(
        "--integration",
        metavar="TYPE",
        help="bind another integration (its settings start empty); 'none' unbinds",
    )
    add_settings_args(p)
    add_tls_args(p, tri_state=True)
    toggle = p.add_mutually_exclusive_group()
    toggle.add_argument(
        "--disable-integration",
        dest="integration_enabled",
        action="store_const",
        const=False,
        help="keep the settings but stop fetching (widgets and alerts skip the app)",
    )
    toggle.add_argument(
        "--enable-integration",
        dest="integration_enabled",
        action="store_const",
        const=True,
        help="fetch again",
    )
    p.set_defaults(func=run_edit, integration_enabled=None)

    p = cmds.add_parser("remove", parents=[common], help="remove an app and its widgets")
    p.add_argument("name", help="app name (or id)")
    add_yes(p, "remove")
    p.set_defaults(func=run_remove)


def _add_details(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group", help="group shown in the launcher")
    parser.add_argument("--icon", help="a short icon (emoji or a few characters)")
    parser.add_argument("--description", help="one line shown under the name")


# -- handlers ---------------------------------------------------------------------------------


def run_list(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    with open_data() as services:
        apps = services.apps.list()
    if out.json_mode:
        out.json({"apps": [app_dict(a) for a in apps]})
        return 0
    if not apps:
        out.line("No apps yet. Add one with: launcher-tui apps add NAME --url URL")
        return 0
    rows = [(a.name, a.group, a.url, _integration_label(a), _state_label(a)) for a in apps]
    out.lines(table(("name", "group", "url", "integration", "settings"), rows))
    return 0


def run_show(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import get_app, open_data

    with open_data() as services:
        app = get_app(services, args.name)
    integration = _integration_quiet(app.integration)
    data = app_dict(app)
    if integration is not None:
        data["endpoints"] = [e.to_dict() for e in integration.endpoints]
        data["actions"] = [a.to_dict() for a in integration.actions]
    if out.json_mode:
        out.json(data)
        return 0
    out.lines(describe(app, integration))
    return 0


def run_add(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import open_data

    payload: dict[str, Any] = {"name": args.name, "url": args.url}
    payload.update(_details(args))
    if args.integration:
        payload["integration"] = args.integration
        payload["config"] = _settings(args, args.integration, out)
    elif args.settings or args.prompt_secrets:
        raise CliError("--set and --prompt-secrets need --integration TYPE")
    payload["verify_tls"] = args.verify_tls
    if args.ca_bundle:
        payload["ca_bundle"] = args.ca_bundle
    with open_data() as services:
        app = services.apps.add(payload)
    return _print_saved(app, out, "Added")


def run_edit(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import get_app, open_data

    changes: dict[str, Any] = _details(args)
    if args.rename is not None:
        changes["name"] = args.rename
    if args.url is not None:
        changes["url"] = args.url
    if args.verify_tls is not None:
        changes["verify_tls"] = args.verify_tls
    if args.ca_bundle is not None:
        changes["ca_bundle"] = args.ca_bundle or None
    if args.integration_enabled is not None:
        changes["integration_enabled"] = args.integration_enabled
    with open_data() as services:
        current = get_app(services, args.name)
        if args.integration is not None:
            changes["integration"] = (
                None if args.integration.lower() == "none" else args.integration
            )
        kind = changes.get("integration", current.integration)
        if args.settings or args.prompt_secrets:
            if not kind:
                raise CliError(
                    f"app {current.name!r} has no integration; give --integration TYPE with --set"
                )
            changes["config"] = _settings(args, kind, out)
        if not changes:
            raise CliError("nothing to change: give at least one option (see --help)")
        app = services.apps.update(current.id, changes)
    return _print_saved(app, out, "Updated")


def run_remove(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.cli.data import get_app, open_data
    from launcher_tui.cli.session import confirm

    with open_data() as services:
        app = get_app(services, args.name)
        if not confirm(
            f"Remove app {app.name!r} and every widget showing it?", yes=args.yes, what="remove"
        ):
            out.note("Nothing removed.")
            return 1
        removed = services.apps.remove(app.id)
    if out.json_mode:
        out.json({"ok": True, "removed": app_dict(removed)})
    else:
        out.line(f"Removed app {removed.name!r}.")
    return 0


# -- helpers ----------------------------------------------------------------------------------


def _details(args: argparse.Namespace) -> dict[str, Any]:
    return {
        key: getattr(args, key)
        for key in ("group", "icon", "description")
        if getattr(args, key) is not None
    }


def _settings(args: argparse.Namespace, kind: str, out: Output) -> dict[str, Any]:
    from launcher_tui.cli.session import get_integration, read_settings

    return read_settings(
        get_integration(kind), args.settings, out, prompt_secrets=args.prompt_secrets
    )


def _integration_quiet(kind: str | None) -> Any:
    if not kind:
        return None
    from integrations.registry import registry

    try:
        return registry.get(kind)
    except (LookupError, ImportError):
        return None


def app_dict(app: AppRecord) -> dict[str, Any]:
    """An app record for ``--json``: masked config (masked again here, belt and braces)."""
    data = app.model_dump(mode="json")
    data["config"] = mask_config(app.config, app.secret_fields)
    return data


def _integration_label(app: AppRecord) -> str:
    if not app.integration:
        return "-"
    return app.integration + ("" if app.integration_enabled else " (disabled)")


def _state_label(app: AppRecord) -> str:
    if app.config_state in ("none", "ok"):
        return app.config_state if app.integration else ""
    return f"{app.config_state}: {app.config_message}"


def describe(app: AppRecord, integration: Any) -> list[str]:
    """The human ``apps show`` text."""
    lines = [f"{app.name}" + (f"  {app.icon}" if app.icon else "")]
    fields = [
        ("id", app.id),
        ("url", app.url or "-"),
        ("group", app.group or "-"),
        ("description", app.description or "-"),
        ("integration", _integration_label(app)),
        ("verify TLS", "yes" if app.verify_tls else "no"),
        ("CA bundle", app.ca_bundle or "-"),
    ]
    if app.integration:
        fields.append(("settings", _state_label(app)))
    width = max(len(k) for k, _ in fields)
    lines += [f"  {k.ljust(width)}  {v}" for k, v in fields]
    if app.config:
        masked = mask_config(app.config, app.secret_fields)
        lines.append("  config:")
        lines += [f"    {k} = {format_value(v)}" for k, v in masked.items()]
    if integration is not None:
        endpoints = [(e.id, e.kind.value, f"{e.ttl:g}s", e.name) for e in integration.endpoints]
        lines += ["  endpoints:", *table(("id", "renderer", "ttl", "name"), endpoints, "    ")]
        if integration.actions:
            actions = [(a.id, a.label, a.confirm) for a in integration.actions]
            lines += ["  actions:", *table(("id", "label", "asks"), actions, "    ")]
        else:
            lines.append("  actions: none")
    elif app.integration:
        lines.append(f"  (integration {app.integration!r} is not installed)")
    return lines


def _print_saved(app: AppRecord, out: Output, verb: str) -> int:
    if out.json_mode:
        out.json(app_dict(app))
    else:
        out.line(f"{verb} app {app.name!r}.")
        out.lines(describe(app, _integration_quiet(app.integration)))
    return 0
