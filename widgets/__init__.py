"""Textual widgets of the dashboard: the six renderers, the integration card, the alert
overlay and schema-driven config forms.

Import from the modules (``from widgets.integration_widget import IntegrationWidget``) or from
here; names are loaded lazily so ``import widgets.format`` (used by the CLI) never pays for
Textual. Pure drawing functions live next to each widget (``render_stats``, ``render_gauge``…).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "AlertBanner": "widgets.alert_banner",
    "AlertOverlay": "widgets.alert_overlay",
    "Chart": "widgets.chart",
    "ChartHistory": "widgets.chart",
    "ConfigForm": "widgets.forms.config_form",
    "Gauge": "widgets.gauge",
    "IntegrationWidget": "widgets.integration_widget",
    "ItemList": "widgets.item_list",
    "ProgressList": "widgets.progress",
    "StatCard": "widgets.stat_card",
    "renderer_for": "widgets.integration_widget",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
