"""The board-wide alert banner: critical alerts from every app, plus a count of warnings.

It sits *in the layout flow* above the board (the screen yields it before the grid), not
``dock: top``: two top-docked widgets overlap and a docked banner hid the Header. It is hidden
(``display: none``) while nothing is critical or warning, and its content is replaced as a
whole by :meth:`AlertOverlay.update_alerts` after each refresh, so a condition that clears
disappears on the next update.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from integrations.models import Alert, Severity, unique_alerts
from widgets.alert_banner import render_alert
from widgets.contain import contained
from widgets.layout import join_lines
from widgets.levels import LEVEL_ICON, level_style

MAX_CRITICAL_LINES = 4
"""Critical alerts shown one per line; more are summarised."""


def plural(count: int, word: str) -> str:
    """``1 warning``, ``2 warnings``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_overlay(alerts: list[Alert], width: int) -> Content:
    """Critical alerts (one line each, with source), then ``⚠ 2 warnings`` (pure)."""
    critical = [a for a in alerts if a.severity == Severity.CRITICAL]
    warnings = [a for a in alerts if a.severity == Severity.WARNING]
    lines = [render_alert(a, width) for a in critical[:MAX_CRITICAL_LINES]]
    extra = len(critical) - MAX_CRITICAL_LINES
    summary = []
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
    if summary:
        lines.append(Content("   ").join(summary))
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
    """

    alerts: reactive[tuple[Alert, ...]] = reactive((), layout=True)
    """The current alerts of every app (warnings and criticals are shown; info is ignored)."""

    def update_alerts(self, alerts: Iterable[Alert]) -> None:
        """Replace the whole set (an alert missing from the new set has cleared)."""
        self.alerts = tuple(
            a for a in unique_alerts(alerts) if a.severity in (Severity.WARNING, Severity.CRITICAL)
        )

    @property
    def critical_count(self) -> int:
        """How many critical alerts are shown."""
        return sum(a.severity == Severity.CRITICAL for a in self.alerts)

    @property
    def warning_count(self) -> int:
        """How many warnings are counted."""
        return sum(a.severity == Severity.WARNING for a in self.alerts)

    def watch_alerts(self) -> None:
        self.set_class(bool(self.alerts), "-visible")
        self.set_class(self.critical_count > 0, "-critical")

    @contained
    def render(self) -> RenderResult:
        return render_overlay(list(self.alerts), self.content_size.width)
