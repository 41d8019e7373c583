"""Homepage's ``homepage.*`` container labels as a service definition, read as Homepage reads them.

* A container becomes a service only with both ``homepage.name`` and ``homepage.group``.
* Every other key is a dot path into the service: ``homepage.href``, ``homepage.widget.type``,
  ``homepage.widgets[0].url``, ``homepage.widget.headers.X-Auth-Key``,
  ``homepage.widget.mappings[0].field.status``; ``homepage.widget.fields`` is a JSON string.
* ``homepage.instance.<instanceName>.<path>`` applies only when ``instanceName`` matches, and wins
  over the plain label.
* Values get the same ``{{HOMEPAGE_VAR_X}}`` / ``{{HOMEPAGE_FILE_X}}`` substitution as YAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from launcher_tui.importers.substitute import substitute

PREFIX = "homepage."
INSTANCE = "instance."
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
MAX_INDEX = 100  # a label like widgets[99999] must not build a huge list


@dataclass
class LabelledService:
    """What one container's labels describe."""

    name: str
    group: str
    service: dict[str, Any]
    secrets: set[str] = field(default_factory=set)
    unresolved: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def steps(path: str) -> list[str | int]:
    """``widgets[0].headers.X-Key`` → ``["widgets", 0, "headers", "X-Key"]``."""
    return [int(index) if index else key for key, index in _STEP.findall(path)]


def put(target: dict[str, Any], path: list[str | int], value: Any) -> None:
    """Set ``value`` at ``path``, creating maps and lists on the way (lodash ``set``)."""
    node: Any = target
    for step, following in zip(path, [*path[1:], None], strict=True):
        if following is None:
            _assign(node, step, value)
            return
        child = _get(node, step)
        if not isinstance(child, dict | list):
            child = [] if isinstance(following, int) else {}
            _assign(node, step, child)
        node = child


def _get(node: Any, step: str | int) -> Any:
    if isinstance(node, list) and isinstance(step, int):
        return node[step] if step < len(node) else None
    return node.get(step) if isinstance(node, dict) else None


def _assign(node: Any, step: str | int, value: Any) -> None:
    if isinstance(node, list) and isinstance(step, int):
        node.extend([None] * (step + 1 - len(node)))
        node[step] = value
    elif isinstance(node, dict):
        node[str(step)] = value


def read_labels(
    labels: Mapping[str, str],
    *,
    instance: str | None = None,
    env: Mapping[str, str] | None = None,
) -> LabelledService | None:
    """The service the labels describe, ``None`` when the container is not one (no name/group)."""
    plain: dict[str, str] = {}
    override: dict[str, str] = {}
    for key, value in labels.items():
        if not key.startswith(PREFIX):
            continue
        path = key[len(PREFIX) :]
        if path.startswith(INSTANCE):
            name, _, rest = path[len(INSTANCE) :].partition(".")
            if instance and name == instance and rest:
                override[rest] = value
            continue
        plain[path] = value
    merged = {**plain, **override}
    if not merged:
        return None
    out = LabelledService(name="", group="", service={})
    for path, raw in sorted(merged.items()):
        done = substitute(str(raw), env)
        out.secrets |= done.values
        out.unresolved.update(done.problems)
        route = steps(path)
        if not route or any(isinstance(s, int) and s > MAX_INDEX for s in route):
            out.problems.append(f"label homepage.{path}: not a usable key")
            continue
        if route == ["name"]:
            out.name = done.text.strip()
        elif route == ["group"]:
            out.group = done.text.strip()
        else:
            put(out.service, route, done.text)
    for key in ("widgets",):
        if isinstance(out.service.get(key), list):
            out.service[key] = [w for w in out.service[key] if w is not None]
    return out
