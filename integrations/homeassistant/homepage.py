"""Homepage's ``homeassistant`` widget: the household summary, plus one card per ``custom``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from integrations.homepage import Converted, HomepageMapping, PlannedWidget


def convert(widget: Mapping[str, Any]) -> Converted:
    custom = widget.get("custom") or []
    if not custom:
        return Converted(widgets=(PlannedWidget("summary"),), used=frozenset({"custom"}))
    widgets, problems = [], []
    for n, entry in enumerate(custom):
        if not isinstance(entry, Mapping):
            problems.append(f"custom[{n}]: not a map")
            continue
        label = {"label": str(entry["label"])} if entry.get("label") else {}
        if entry.get("state"):
            widgets.append(PlannedWidget("entity", {"entity_id": str(entry["state"]), **label}))
        elif entry.get("template"):
            widgets.append(PlannedWidget("template", {"template": str(entry["template"]), **label}))
        else:
            problems.append(f"custom[{n}]: neither state nor template")
    return Converted(widgets=tuple(widgets), problems=tuple(problems), used=frozenset({"custom"}))


HOMEPAGE = HomepageMapping(convert=convert)
