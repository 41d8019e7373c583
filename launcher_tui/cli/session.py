"""What commands share: integration lookup, running coroutines, confirmations, close names.

Kept free of heavy imports at module level; each helper imports the framework when called.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from launcher_tui.cli.errors import EXIT_ENVIRONMENT, CliError

if TYPE_CHECKING:
    from integrations.base import Integration
    from launcher_tui.cli.output import Output
    from launcher_tui.cli.values import Prompt
    from launcher_tui.runtime import Runtime

T = TypeVar("T")


def get_integration(integration_id: str) -> Integration:
    """The installed integration ``integration_id`` (unknown → usage error listing them)."""
    from integrations.registry import IntegrationLoadError, registry

    try:
        return registry.get(integration_id)
    except IntegrationLoadError as exc:
        raise CliError(
            str(exc),
            exit_code=EXIT_ENVIRONMENT,
            code="integration_broken",
            hint="Reinstall or remove the plugin that provides it.",
        ) from None


def run_async(factory: Callable[[Runtime], Awaitable[T]]) -> T:
    """Run ``factory(runtime)`` on a fresh event loop with a Runtime that is always closed."""
    import asyncio

    from launcher_tui.runtime import Runtime

    async def body() -> T:
        runtime = Runtime()
        try:
            return await factory(runtime)
        finally:
            await runtime.aclose()

    return asyncio.run(body())


def confirm(question: str, *, yes: bool, what: str) -> bool:
    """``True`` when ``--yes`` was given or the person answers yes on the terminal.

    Without a terminal there is nobody to ask: refuse (exit 2) rather than guess.
    """
    if yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        raise CliError(
            f"refusing to {what} without --yes: there is no terminal to ask for confirmation",
            hint="Add --yes to confirm non-interactively.",
            code="confirmation_required",
        )
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def close_names(name: str, candidates: Iterable[str]) -> list[str]:
    """Names similar to ``name`` (case-insensitive), best first, at most five."""
    by_lower = {c.lower(): c for c in candidates}
    lowered = name.lower()
    prefix = [c for low, c in by_lower.items() if low.startswith(lowered) or lowered in low]
    fuzzy = difflib.get_close_matches(lowered, list(by_lower), n=5, cutoff=0.5)
    ordered = [*(by_lower[f] for f in fuzzy), *prefix]
    return list(dict.fromkeys(ordered))[:5]


def not_found(kind: str, name: str, candidates: Iterable[str], *, code: str) -> CliError:
    """A usage error for an unknown ``kind`` naming close matches (or all, when few)."""
    names = sorted(candidates, key=str.lower)
    similar = close_names(name, names)
    if similar:
        hint = "Did you mean: " + ", ".join(similar) + "?"
    elif names:
        hint = f"Known {kind}s: " + ", ".join(names[:20]) + (" ..." if len(names) > 20 else "")
    else:
        hint = f"There are no {kind}s yet."
    return CliError(f"no {kind} named {name!r}", hint=hint, code=code)


def unknown_member(
    kind: str, wanted: str, ids: list[str], *, app: str, integration: str
) -> CliError:
    """A usage error for an endpoint/action the app's integration lacks, listing the valid ones."""
    similar = close_names(wanted, ids)
    return CliError(
        f"app {app!r} ({integration}) has no {kind} {wanted!r}",
        hint=(f"Did you mean: {', '.join(similar)}? " if similar else "")
        + f"{kind.capitalize()}s: {', '.join(ids) or 'none'}.",
        code=f"unknown_{kind}",
    )


def describe_schema(schema: dict[str, Any], secret_fields: Iterable[str]) -> list[dict[str, Any]]:
    """The config schema as rows: name, type, required, default, secret, title, description."""
    secrets = set(secret_fields)
    required = set(schema.get("required", []))
    rows = []
    for name, spec in schema.get("properties", {}).items():
        rows.append(
            {
                "name": name,
                "type": schema_type(spec),
                "required": name in required,
                "default": spec.get("default"),
                "secret": name in secrets,
                "title": spec.get("title", ""),
                "description": spec.get("description", ""),
            }
        )
    return rows


def schema_type(spec: dict[str, Any]) -> str:
    """A short type label: ``string``, ``integer?`` (optional), ``one of: v3|v4``, ``list``."""
    variants = spec.get("anyOf") or [spec]
    labels = []
    optional = False
    for variant in variants:
        if variant.get("type") == "null":
            optional = True
            continue
        if "enum" in variant:
            labels.append("|".join(str(v) for v in variant["enum"]))
        elif "const" in variant:
            labels.append(str(variant["const"]))
        elif variant.get("format") == "password":
            labels.append("secret")
        elif variant.get("format") == "uri":
            labels.append("url")
        elif variant.get("type") == "array":
            labels.append("list")
        else:
            labels.append(str(variant.get("type", "any")))
    return "|".join(dict.fromkeys(labels)) + ("?" if optional else "")


def read_settings(
    integration: Integration,
    raw_pairs: list[str] | None,
    out: Output,
    *,
    prompt_secrets: bool = False,
    prompt: Prompt | None = None,
) -> dict[str, Any]:
    """``--set`` values for ``integration``: resolved, typed, secrets registered for redaction.

    With ``prompt_secrets``, every secret setting not given is asked for without echo.
    """
    from launcher_tui.cli.values import (
        default_prompt,
        literal_secret_keys,
        parse_settings,
        split_pairs,
    )

    ask = prompt or default_prompt
    pairs = split_pairs(raw_pairs, "--set")
    secrets = integration.secret_fields()
    for key in literal_secret_keys(pairs, secrets):
        out.note(
            f"warning: {key} was given on the command line, where shell history and ps can "
            f"see it; prefer --set {key}=env:NAME, @FILE or -"
        )
    values = parse_settings(
        pairs, integration.config_schema(), what=f"integration '{integration.id}'", prompt=ask
    )
    if prompt_secrets:
        for key in secrets:
            if key not in values:
                values[key] = ask(f"{integration.name} {key}")
    out.add_secrets(values.get(key) for key in secrets)
    return values
