"""``launcher-tui test-connection``: does the service answer and accept the credentials?"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from launcher_tui.cli.args import add_settings_args, add_tls_args
from launcher_tui.cli.errors import EXIT_FAILED, EXIT_OK, CliError
from launcher_tui.cli.output import Output
from launcher_tui.cli.values import SECRETS_EPILOG

if TYPE_CHECKING:
    from launcher_tui.runtime import ConnectionOutcome, Target

ADHOC_APP_ID = "cli-test-connection"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "test-connection",
        parents=[common],
        help="test a stored app, or settings given here (nothing is stored)",
        description=(
            "Test a stored app (APP), or an integration with settings given on the command "
            "line (--integration/--url/--set; nothing is stored). Exit 0 when the service "
            "answers and accepts the credentials, 1 with the reason (code, message, hint) "
            "when it does not."
        ),
        epilog=SECRETS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("app", nargs="?", help="a stored app's name (or id)")
    p.add_argument("--integration", metavar="TYPE", help="integration to test (without APP)")
    p.add_argument("--url", help="the service URL (without APP)")
    add_settings_args(p)
    add_tls_args(p)
    add_timeout(p)
    p.set_defaults(func=run)


def add_timeout(parser: argparse.ArgumentParser, default: float = 10.0) -> None:
    parser.add_argument(
        "--timeout",
        type=float,
        default=default,
        metavar="SECONDS",
        help=f"give up on a service after this long (default {default:g})",
    )


def run(args: argparse.Namespace, out: Output) -> int:
    if args.app:
        if args.integration or args.url or args.settings or args.prompt_secrets:
            raise CliError(
                "give either APP or --integration/--url/--set, not both",
                hint="To try other settings for a stored app, edit it first or test them ad hoc.",
            )
        from launcher_tui.cli.data import get_target, open_data

        with open_data() as services:
            target = get_target(services, args.app, out, timeout=args.timeout)
    else:
        target = adhoc_target(args, out)
    outcome = test(target)
    return report(outcome, target, out)


def adhoc_target(args: argparse.Namespace, out: Output) -> Target:
    """A target built from the command line only (validated here, so bad input exits 2)."""
    from launcher_tui.cli.session import get_integration, read_settings
    from launcher_tui.runtime import Target

    if not args.integration:
        raise CliError("give APP, or --integration TYPE with --url URL and --set KEY=VALUE")
    integration = get_integration(args.integration)
    if integration.needs_url and not args.url:
        raise CliError(f"{integration.name} needs --url URL")
    config = read_settings(integration, args.settings, out, prompt_secrets=args.prompt_secrets)
    integration.validate_config(config)  # ConfigError (exit 2) names the wrong field
    return Target(
        app_id=ADHOC_APP_ID,
        app_name=integration.name,
        url=args.url or "",
        integration_id=integration.id,
        config=config,
        verify_tls=args.verify_tls,
        ca_bundle=args.ca_bundle,
        timeout=args.timeout,
    )


def test(target: Target) -> ConnectionOutcome:
    from launcher_tui.cli.session import run_async

    return run_async(lambda runtime: runtime.test_connection(target))


def report(outcome: ConnectionOutcome, target: Target, out: Output) -> int:
    """Print the outcome; exit 0 when it worked, 1 when it did not."""
    if out.json_mode:
        out.json(
            {
                "app": None if target.app_id == ADHOC_APP_ID else target.app_name,
                "integration": target.integration_id,
                "url": target.url,
                **outcome.to_dict(),
            }
        )
    elif outcome.ok:
        out.line(f"OK  {target.app_name}: {outcome.summary}")
    else:
        error = outcome.error
        assert error is not None
        out.line(f"FAILED  {target.app_name}: {error.reason} [{error.code}]")
        out.line(f"  hint: {error.hint}")
    return EXIT_OK if outcome.ok else EXIT_FAILED
