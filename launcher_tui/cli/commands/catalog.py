"""``launcher-tui integrations``: what is installed, its endpoints and its settings schema."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from launcher_tui.cli.output import Output, format_value, table

if TYPE_CHECKING:
    from integrations.base import Integration


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "integrations",
        parents=[common],
        help="list installed integrations, their endpoints and settings",
        description=(
            "Every installed integration with its endpoints (id, renderer, default TTL), "
            "actions and settings (secret settings are marked; with --json the full JSON "
            "Schema, where secrets carry format=password and writeOnly)."
        ),
    )
    parser.add_argument("name", nargs="?", help="show only this integration")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: Output) -> int:
    from integrations.registry import registry

    cacheable = out.json_mode and not args.name and not registry.names_loaded()
    if cacheable:
        from launcher_tui.cli import catalog_cache

        cached = catalog_cache.load()
        if cached is not None:
            out.json(cached)
            return 0
    from launcher_tui.cli.session import get_integration

    found = [get_integration(args.name)] if args.name else registry.list()
    if out.json_mode:
        data: dict[str, Any] = {"integrations": [i.to_dict() for i in found]}
        if registry.load_errors and not args.name:
            data["load_errors"] = dict(registry.load_errors)
        if cacheable:
            catalog_cache.save(data)
        out.json(data)
        return 0
    if not found:
        out.line("No integrations installed.")
    if args.name:
        out.lines(describe(found[0]))
    else:
        out.lines(overview(found))
        out.line()
        out.line("launcher-tui integrations NAME shows one with its endpoints and settings.")
    for name, problem in sorted(registry.load_errors.items()):
        out.note(f"warning: integration {name!r} failed to load: {problem}")
    return 0


def overview(integrations: list[Integration]) -> list[str]:
    """Every integration, one line each, grouped by category (categories and ids sorted)."""
    groups: dict[str, list[Integration]] = {}
    for integration in integrations:
        groups.setdefault(integration.category, []).append(integration)
    lines: list[str] = []
    for category in sorted(groups):
        members = sorted(groups[category], key=lambda i: i.id)
        lines.append(f"{category} ({len(members)})")
        width = max(len(i.id) for i in members)
        lines += [f"  {i.id.ljust(width)}  {i.name}: {i.description}".rstrip(": ") for i in members]
    return lines


def describe(integration: Integration) -> list[str]:
    """The compact human description of one integration."""
    from launcher_tui.cli.session import describe_schema

    lines = [f"{integration.id} — {integration.name}  ({integration.category})"]
    if integration.description:
        lines.append(f"  {integration.description}")
    endpoints = [
        (
            e.id,
            e.kind.value,
            f"{e.ttl:g}s",
            e.name + (" (takes --option)" if e.options_model else ""),
        )
        for e in integration.endpoints
    ]
    lines += ["  endpoints:", *table(("id", "renderer", "ttl", "name"), endpoints, "    ")]
    if integration.actions:
        lines.append("  actions: " + ", ".join(f"{a.id} ({a.label})" for a in integration.actions))
    rows = describe_schema(integration.config_schema(), integration.secret_fields())
    settings = [
        (
            r["name"],
            r["type"],
            "yes" if r["required"] else "",
            "" if r["required"] else format_value(r["default"]),
            r["title"] + (" [secret]" if r["secret"] else ""),
        )
        for r in rows
    ]
    if settings:
        lines += [
            "  settings (--set KEY=VALUE):",
            *table(("key", "type", "required", "default", "title"), settings, "    "),
        ]
    else:
        lines.append("  settings: none")
    return lines
