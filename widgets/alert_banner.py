"""Alert banner renderer: one ``icon message — source`` line per alert, worst first.

The banner is as tall as its lines (up to the card), so a lone "all good" line gets a short
accent, not a bar down the whole card. The worst severity colours the banner's left border (via the ``-warning``/``-critical`` level
class); with no alerts it shows the endpoint's ``ok_text`` in the success colour.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive

from integrations.models import Alert, AlertData, RendererKind, Severity
from widgets.contain import contained
from widgets.layout import fit, join_lines
from widgets.levels import LEVEL_ICON, level_style
from widgets.renderer import Renderer


def sort_alerts(alerts: list[Alert]) -> list[Alert]:
    """Worst severity first, keeping the service's order within a severity."""
    return sorted(alerts, key=lambda a: -a.severity.rank)


def render_alert(alert: Alert, width: int) -> Content:
    """``⚠ message — source`` with the icon in the severity colour."""
    return fit(
        Content.assemble(
            (LEVEL_ICON[alert.severity], level_style(alert.severity, bold=True)),
            " ",
            alert.message,
            (f" — {alert.source}" if alert.source else "", "$text-muted"),
        ),
        width,
    )


def render_alerts(data: AlertData | None, width: int, height: int | None = None) -> Content:
    """All alerts (worst first) up to ``height`` rows, ``+N more`` for the rest; or ok text."""
    if data is None:
        return Content.styled("No data", "$text-muted")
    if not data.alerts:
        return Content.assemble(
            (LEVEL_ICON[Severity.OK], level_style(Severity.OK, bold=True)), " ", data.ok_text
        )
    alerts = sort_alerts(data.alerts)
    if height is not None and len(alerts) > height:
        shown = max(0, height - 1)
        lines = [render_alert(a, width) for a in alerts[:shown]]
        lines.append(Content.styled(f"+{len(alerts) - shown} more", "$text-muted italic"))
        return join_lines(lines)
    return join_lines([render_alert(a, width) for a in alerts])


class AlertBanner(Renderer):
    """Renderer for :class:`AlertData`; the left border takes the worst severity's colour."""

    kind: ClassVar[RendererKind] = RendererKind.ALERT

    DEFAULT_CSS = """
    AlertBanner {
        width: 1fr;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border-left: outer $success;
    }
    AlertBanner.-info { border-left: outer $primary; }
    AlertBanner.-warning { border-left: outer $warning; }
    AlertBanner.-critical { border-left: outer $error; }
    """

    data: reactive[AlertData | None] = reactive(None)
    """The endpoint's current alerts; ``None`` until the first fetch."""

    @property
    def level(self) -> Severity:
        return self.data.severity if self.data else Severity.OK

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per alert (or the ok line): ``render`` needs its real height to cut."""
        return max(1, len(self.data.alerts)) if self.data is not None else 1

    @contained
    def render(self) -> RenderResult:
        return render_alerts(self.data, self.content_size.width, self.content_size.height)
