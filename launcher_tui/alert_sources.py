"""Which (app, endpoint, options) keys can raise alerts, and how often each must be checked.

One definition for the dashboard's background watcher and for ``launcher-tui alerts``, so the
two never disagree about what is watched:

* every alert endpoint that takes no options, of every enabled app with usable settings
  (``disk_alerts``, an *arr's ``health`` …), checked at the endpoint's own refresh interval;
* every alert *widget* on every board — its options are its alert settings (a custom API's
  ``state equals down``) — checked at the widget's refresh interval.

Two sources with the same cache key become one, at the shorter interval. Nothing here imports
Textual or the runtime: it reads the service layer only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integrations.models import RendererKind
from launcher_tui.cache import cache_key

if TYPE_CHECKING:
    from launcher_tui.runtime import Target
    from launcher_tui.services import Services


@dataclass(frozen=True)
class AlertSource:
    """One key to watch for alerts: the app's target, the endpoint, widget options, interval."""

    target: Target
    endpoint_id: str
    options: dict[str, Any] | None = field(default=None, hash=False, compare=False)
    interval: float = 30.0

    @property
    def key(self) -> str:
        """The cache key (shared with any card that shows the same data)."""
        return cache_key(self.target.app_id, self.endpoint_id, self.options)


def alert_sources(services: Services, targets: list[Target] | None = None) -> list[AlertSource]:
    """Every alert source of the store (see the module docstring), one per cache key.

    ``targets`` are the enabled apps' targets when the caller already has them (the CLI reports
    unusable apps itself); otherwise :meth:`AppService.targets` is asked.
    """
    if targets is None:
        targets = services.apps.targets()
    by_app = {t.app_id: t for t in targets}
    found: dict[str, AlertSource] = {}

    def add(source: AlertSource) -> None:
        current = found.get(source.key)
        if current is None or source.interval < current.interval:
            found[source.key] = source

    for target in targets:
        try:
            integration = services.registry.get(target.integration_id)
        except (LookupError, ImportError):
            continue
        for endpoint in integration.endpoints:
            if endpoint.kind == RendererKind.ALERT and endpoint.options_model is None:
                add(AlertSource(target, endpoint.id, None, float(endpoint.refresh)))
    for widget in services.widgets.list(kind=RendererKind.ALERT):
        target = by_app.get(str(widget.app_id))
        if target is None:
            continue
        add(
            AlertSource(
                target, widget.endpoint, widget.options or None, float(widget.effective_refresh)
            )
        )
    return list(found.values())
