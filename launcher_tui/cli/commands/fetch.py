"""``launcher-tui fetch APP ENDPOINT``: exactly the data a widget would get, and its alerts."""

from __future__ import annotations

import argparse
import time
from typing import Any

from launcher_tui.cli.args import add_options_arg
from launcher_tui.cli.commands.connection import add_timeout
from launcher_tui.cli.errors import CliError
from launcher_tui.cli.output import Output


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "fetch",
        parents=[common],
        help="fetch one endpoint of an app (what a widget shows)",
        description=(
            "Fetch one endpoint of a stored app. Human output renders the data as the widget "
            "kind would (stat, gauge, list, progress, alert, chart) as text; --json prints the "
            "model: {app, endpoint, renderer, data, alerts, fetched_at}. "
            "Exit 1 when the service fails."
        ),
    )
    p.add_argument("app", help="app name (or id)")
    p.add_argument("endpoint", help="endpoint id (see 'launcher-tui apps show APP')")
    add_options_arg(p)
    add_timeout(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: Output) -> int:
    from integrations.models import raw_dump
    from launcher_tui.cli.data import get_target, open_data
    from launcher_tui.cli.session import get_integration, run_async

    with open_data() as services:
        target = get_target(services, args.app, out, timeout=args.timeout)
    integration = get_integration(target.integration_id)
    endpoint = find_endpoint(integration, args.endpoint, target.app_name)
    options = parse_options(endpoint, args.options)
    entry = run_async(lambda runtime: runtime.fetch(target, endpoint.id, options))
    result = entry.value
    if out.json_mode:
        out.json(
            {
                "app": target.app_name,
                "endpoint": endpoint.id,
                "renderer": endpoint.kind.value,
                **raw_dump(result),
            }
        )
        return 0
    from launcher_tui.cli.render import render

    out.line(f"{target.app_name} · {endpoint.name} ({endpoint.kind.value})")
    out.lines(f"  {line}" for line in render(result.data))
    for alert in result.alerts:
        out.line(f"  alert {alert.severity.value.upper()}: {alert.message}")
    out.note(f"fetched {time.strftime('%H:%M:%S', time.localtime(result.fetched_at))}")
    return 0


def find_endpoint(integration: Any, endpoint_id: str, app_name: str) -> Any:
    """The endpoint, or a usage error listing the app's endpoints."""
    for endpoint in integration.endpoints:
        if endpoint.id == endpoint_id:
            return endpoint
    from launcher_tui.cli.session import unknown_member

    ids = [e.id for e in integration.endpoints]
    raise unknown_member("endpoint", endpoint_id, ids, app=app_name, integration=integration.id)


def parse_options(endpoint: Any, raw: list[str]) -> dict[str, Any] | None:
    """``--option`` pairs typed by the endpoint's options schema (``None`` when none given)."""
    from launcher_tui.cli.values import parse_settings, split_pairs

    pairs = split_pairs(raw, "--option")
    if endpoint.options_model is None:
        if pairs:
            raise CliError(f"endpoint {endpoint.id!r} takes no --option")
        return None
    schema = endpoint.options_model.model_json_schema()
    return parse_settings(pairs, schema, what=f"endpoint '{endpoint.id}'") or None
