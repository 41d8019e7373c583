"""Homepage's ``glances`` widget: one ``metric`` per widget (``cpu``, ``memory``, ``fs:/`` …)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from integrations.homepage import Converted, HomepageMapping, PlannedWidget

METRICS = {"cpu": "cpu", "memory": "memory", "process": "processes", "info": "info", "fs": "fs"}


def convert(widget: Mapping[str, Any]) -> Converted:
    metric = str(widget.get("metric") or "info")
    endpoint = METRICS.get(metric.split(":", 1)[0])
    used = frozenset({"metric", "chart", "pointsLimit", "diskUnits"})
    if endpoint is None:
        return Converted(problems=(f"metric {metric!r}: no matching widget",), used=used)
    return Converted(widgets=(PlannedWidget(endpoint),), used=used)


HOMEPAGE = HomepageMapping(convert=convert)
