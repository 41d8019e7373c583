"""``launcher-tui alerts``: every alert across enabled apps, with monitoring-plugin exit codes.

It checks what the dashboard's background watcher watches (:mod:`launcher_tui.alert_sources`):
every endpoint of every enabled app that takes no options, plus every alert widget's own
settings on every board (a custom API's ``state equals down``). Alerts acknowledged in the
dashboard still count and are listed, marked acknowledged.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from launcher_tui.cli.commands.connection import add_timeout
from launcher_tui.cli.output import Output

if TYPE_CHECKING:
    from integrations.models import Alert
    from launcher_tui.alert_sources import AlertSource
    from launcher_tui.runtime import Runtime, Target

EXIT_NO_ALERTS = 0
EXIT_WARNING = 1
EXIT_CRITICAL = 2
EXIT_UNCHECKED = 3

RULE = """\
exit status (monitoring-plugin convention, worst wins in this order):
  2  at least one CRITICAL alert
  3  no critical alert, but some app could not be checked (unreachable, timed out,
     settings unreadable, integration missing)
  1  only WARNING alerts (info alerts do not count)
  0  no warning or critical alert, every app checked
  (database or key problems also exit 3: nothing could be checked)
"""


@dataclass
class Report:
    """What one ``alerts`` run found."""

    checked: list[str] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    unchecked: list[dict[str, Any]] = field(default_factory=list)
    acknowledged: set[str] = field(default_factory=set)
    """Alert identities acknowledged in the dashboard (see :mod:`launcher_tui.alert_book`)."""

    def is_acknowledged(self, alert: Alert) -> bool:
        from launcher_tui.alert_book import alert_id

        return alert_id(alert) in self.acknowledged

    def alert_dict(self, alert: Alert) -> dict[str, Any]:
        return {**alert.model_dump(mode="json"), "acknowledged": self.is_acknowledged(alert)}

    @property
    def exit_code(self) -> int:
        return exit_code([a.severity.value for a in self.alerts], unchecked=bool(self.unchecked))

    @property
    def status(self) -> str:
        return {
            EXIT_NO_ALERTS: "ok",
            EXIT_WARNING: "warning",
            EXIT_CRITICAL: "critical",
            EXIT_UNCHECKED: "unknown",
        }[self.exit_code]


def exit_code(severities: list[str], *, unchecked: bool) -> int:
    """The rule in :data:`RULE`: critical > could-not-check > warning > ok."""
    if "critical" in severities:
        return EXIT_CRITICAL
    if unchecked:
        return EXIT_UNCHECKED
    if "warning" in severities:
        return EXIT_WARNING
    return EXIT_NO_ALERTS


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "alerts",
        parents=[common],
        help="alerts across all enabled apps (exit 0 ok, 1 warning, 2 critical, 3 unchecked)",
        description=(
            "Fetch every enabled app's endpoints concurrently (each app limited by --timeout) "
            "and list the alerts they raise."
        ),
        epilog=RULE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_timeout(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: Output) -> int:
    from launcher_tui.alert_book import load_acks
    from launcher_tui.alert_sources import alert_sources
    from launcher_tui.cli.data import open_data

    report = Report()
    with open_data() as services:
        targets = collect_targets(services, report, out)
        widget_sources = [s for s in alert_sources(services, targets) if s.options]
        report.acknowledged = load_acks(services.store)
    run_checks(targets, report, args.timeout, widget_sources)
    if out.json_mode:
        out.json(
            {
                "status": report.status,
                "exit_code": report.exit_code,
                "alerts": [report.alert_dict(a) for a in report.alerts],
                "unchecked": report.unchecked,
                "checked": report.checked,
            }
        )
    else:
        print_report(report, out)
    return report.exit_code


def collect_targets(services: Any, report: Report, out: Output) -> list[Target]:
    """Targets of enabled apps; apps whose settings cannot be used are reported unchecked."""
    from launcher_tui.cli.data import get_target
    from launcher_tui.cli.errors import error_dict
    from launcher_tui.services.errors import ConfigUnavailable

    targets = []
    for app in services.apps.list():
        if not app.integration or not app.integration_enabled:
            continue
        try:
            targets.append(get_target(services, app.id, out))
        except ConfigUnavailable as exc:
            report.unchecked.append(
                {"app": app.name, "integration": app.integration, "error": error_dict(exc)}
            )
    return targets


def run_checks(
    targets: list[Target],
    report: Report,
    timeout: float,
    widget_sources: list[AlertSource] | None = None,
) -> None:
    """Fetch all targets concurrently, each bounded by ``timeout`` seconds.

    ``widget_sources`` are alert widgets with options: each is fetched with its app, and its
    failure makes the app unchecked like any other endpoint's.
    """
    import asyncio

    from launcher_tui.cli.session import run_async

    async def check(runtime: Runtime, target: Target) -> None:
        from integrations.errors import ServiceTimeoutError
        from launcher_tui.runtime import as_integration_error

        own = [s for s in widget_sources or () if s.target.app_id == target.app_id]
        try:
            widgets = [(s.endpoint_id, s.options) for s in own]
            check = await asyncio.wait_for(runtime.check_alerts(target, widgets), timeout)
        except TimeoutError:
            error: Any = ServiceTimeoutError(f"no complete answer within {timeout:g} s")
        except Exception as exc:
            error = as_integration_error(exc, target.integration_id)
        else:
            # alerts from the endpoints that answered count even when another one failed
            report.alerts.extend(check.alerts)
            if not check.failures:
                report.checked.append(target.app_name)
                return
            endpoint, error = next(iter(check.failures.items()))
            detail = error.to_dict()
            detail["message"] = f"{endpoint}: {error.reason}"  # the line names the app
            report.unchecked.append(
                {"app": target.app_name, "integration": target.integration_id, "error": detail}
            )
            return
        detail = error.to_dict()
        detail["message"] = error.reason
        report.unchecked.append(
            {"app": target.app_name, "integration": target.integration_id, "error": detail}
        )

    async def check_all(runtime: Runtime) -> None:
        await asyncio.gather(*(check(runtime, t) for t in targets))

    if targets:
        run_async(check_all)
    order = {"critical": 0, "warning": 1, "info": 2}
    report.alerts.sort(key=lambda a: (order.get(a.severity.value, 3), a.source, a.message))


def print_report(report: Report, out: Output) -> None:
    for alert in report.alerts:
        acked = " (acknowledged)" if report.is_acknowledged(alert) else ""
        out.line(f"{alert.severity.value.upper():8}  {alert.source}: {alert.message}{acked}")
    for item in report.unchecked:
        error = item["error"]
        out.line(
            f"{'UNKNOWN':8}  {item['app']}: could not be checked: "
            f"{error.get('message', '')} [{error.get('code', '')}]"
        )
    counts = {s: sum(a.severity.value == s for a in report.alerts) for s in ("critical", "warning")}
    summary = [f"{n} {s}" for s, n in counts.items() if n]
    checked = f"{len(report.checked)} app{'s' if len(report.checked) != 1 else ''} checked"
    line = f"{report.status.upper()}: " + (", ".join(summary) or "no alerts") + f"; {checked}"
    if report.unchecked:
        line += f", {len(report.unchecked)} could not be checked"
    out.line(line)
