"""The board-wide alert banner: critical alerts from every app, plus a count of warnings.

It sits *in the layout flow* above the board (the screen yields it before the grid), not
``dock: top``: two top-docked widgets overlap and a docked banner hid the Header. It is hidden
(``display: none``) while nothing is critical or warning, and its content is replaced as a
whole by :meth:`AlertOverlay.update_alerts` after each refresh, so a condition that clears
disappears on the next update.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from integrations.models import Alert, Severity, unique_alerts
from launcher_tui.alert_book import alert_id
from widgets.alert_banner import render_alert
from widgets.contain import contained
from widgets.layout import fit, join_lines, spread
from widgets.levels import LEVEL_ICON, level_style

MAX_CRITICAL_LINES = 4
"""Critical alerts shown one per line; more are summarised."""


def plural(count: int, word: str) -> str:
    """``1 warning``, ``2 warnings``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_overlay(alerts: list[Alert], width: int, acknowledged: int = 0) -> Content:
    """Critical alerts (one line each, with source), then ``⚠ 2 warnings`` (pure).

    ``alerts`` are the unacknowledged ones; ``acknowledged`` counts the others. With more than
    one alert (or any acknowledged) the summary line also says how many there are in all and
    which keys acknowledge and show the history.
    """
    critical = [a for a in alerts if a.severity == Severity.CRITICAL]
    warnings = [a for a in alerts if a.severity == Severity.WARNING]
    lines = [render_alert(a, width) for a in critical[:MAX_CRITICAL_LINES]]
    extra = len(critical) - MAX_CRITICAL_LINES
    summary = []
    if len(critical) > 1:
        summary.append(Content.styled(plural(len(critical), "critical alert"), "$error bold"))
    if extra > 0:
        summary.append(Content.styled(f"+{plural(extra, 'more critical alert')}", "$error"))
    if warnings:
        sources = sorted({a.source for a in warnings if a.source})
        text = plural(len(warnings), "warning") + (f" ({', '.join(sources)})" if sources else "")
        summary.append(
            Content.assemble(
                (LEVEL_ICON[Severity.WARNING], level_style(Severity.WARNING, bold=True)), " ", text
            )
        )
    if acknowledged:
        summary.append(Content.styled(f"{acknowledged} acknowledged", "$text-muted"))
    if critical or acknowledged:
        keys = Content.styled(("A acknowledge · " if critical else "") + "H history", "$text-muted")
        fits_beside = (
            len(lines) == 1 and not summary and lines[0].cell_length + 3 + keys.cell_length <= width
        )
        if fits_beside:  # one alert: its keys go to the right end of its line
            lines[0] = spread(lines[0], keys, width, gap=3)
        else:
            summary.append(keys)
    if summary:
        lines.append(fit(Content("   ").join(summary), width))
    return join_lines(lines)


class AlertOverlay(Widget, can_focus=False):
    """Banner of critical alerts and a warning count, above the board (see module doc)."""

    DEFAULT_CSS = """
    AlertOverlay {
        width: 1fr;
        height: auto;
        max-height: 6;
        padding: 0 1;
        display: none;
        background: $warning-muted;
        border-left: outer $warning;
    }
    AlertOverlay.-visible { display: block; }
    AlertOverlay.-critical { background: $error-muted; border-left: outer $error; }
    AlertOverlay.-quiet { background: $surface; border-left: outer $panel; }
    """

    alerts: reactive[tuple[Alert, ...]] = reactive((), layout=True)
    """The current unacknowledged alerts of every app (warnings and criticals; no info)."""
    acknowledged: reactive[tuple[Alert, ...]] = reactive((), layout=True)
    """The current alerts the person acknowledged: counted, not listed."""

    def update_alerts(self, alerts: Iterable[Alert], acknowledged: Set[str] = frozenset()) -> None:
        """Replace the whole set (an alert missing from the new set has cleared).

        ``acknowledged`` holds :func:`~launcher_tui.alert_book.alert_id` identities.
        """
        shown = [
            a for a in unique_alerts(alerts) if a.severity in (Severity.WARNING, Severity.CRITICAL)
        ]
        self.acknowledged = tuple(a for a in shown if alert_id(a) in acknowledged)
        self.alerts = tuple(a for a in shown if alert_id(a) not in acknowledged)

    @property
    def first_critical(self) -> Alert | None:
        """The alert ``A`` acknowledges: the first critical one listed."""
        return next((a for a in self.alerts if a.severity == Severity.CRITICAL), None)

    @property
    def critical_count(self) -> int:
        """How many critical alerts are shown."""
        return sum(a.severity == Severity.CRITICAL for a in self.alerts)

    @property
    def warning_count(self) -> int:
        """How many warnings are counted."""
        return sum(a.severity == Severity.WARNING for a in self.alerts)

    def watch_alerts(self) -> None:
        self._restyle()

    def watch_acknowledged(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        self.set_class(bool(self.alerts or self.acknowledged), "-visible")
        self.set_class(self.critical_count > 0, "-critical")
        self.set_class(not self.alerts, "-quiet")

    @contained
    def render(self) -> RenderResult:
        return render_overlay(
            list(self.alerts), self.content_size.width, acknowledged=len(self.acknowledged)
        )
