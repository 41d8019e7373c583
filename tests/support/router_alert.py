"""A custom API alert widget for alert tests: "critical when the router's ``state`` is down".

The loopback server plays the router's home-made status API at ``/status``.
"""

from __future__ import annotations

from typing import Any

ROUTER_ALERT_OPTIONS: dict[str, Any] = {
    "path": "/status",
    "field": "state",
    "condition": "equals",
    "value": "down",
    "severity": "critical",
    "message": "router is {value}",
}


def add_router(services: Any, url: str, board: str | int, refresh: float | None = 2) -> int:
    """A custom API app "Router" at ``url`` and its alert widget on ``board``; the widget id."""
    app = services.apps.add(
        {"name": "Router", "url": url, "group": "Net", "integration": "customapi"}
    )
    widget = services.widgets.add(
        {
            "board": board,
            "app": app.id,
            "endpoint": "alert",
            "options": ROUTER_ALERT_OPTIONS,
            "refresh_interval": refresh,
        }
    )
    return widget.id
