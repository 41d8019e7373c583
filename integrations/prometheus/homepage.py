"""Homepage's ``prometheus`` (targets up/down) and ``prometheusmetric`` (PromQL) widgets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from integrations.homepage import Converted, HomepageMapping, PlannedWidget


def convert(widget: Mapping[str, Any]) -> Converted:
    if widget.get("type") != "prometheusmetric":
        return Converted(widgets=(PlannedWidget("targets"),))
    widgets, problems = [], []
    for n, metric in enumerate(widget.get("metrics") or []):
        if not isinstance(metric, Mapping) or not metric.get("query"):
            problems.append(f"metrics[{n}]: no query")
            continue
        options: dict[str, Any] = {"query": str(metric["query"])}
        if metric.get("label"):
            options["label"] = str(metric["label"])
        fmt = metric.get("format") or {}
        unit = fmt.get("suffix") if isinstance(fmt, Mapping) else None
        if unit:
            options["unit"] = str(unit)
        widgets.append(PlannedWidget("query_stat", options))
    return Converted(widgets=tuple(widgets), problems=tuple(problems), used=frozenset({"metrics"}))


HOMEPAGE = HomepageMapping(aliases=("prometheusmetric",), convert=convert)
