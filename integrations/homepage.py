"""How an integration takes over a Homepage widget: its type names and how its keys map.

Homepage (gethomepage.dev) describes a service widget as ``{type: sonarr, url: ..., key: ...,
fields: [...], highlight: {...}, refreshInterval: 10000, <type-specific keys>}``. Our ids are
Homepage's type names, so an integration whose id is the type needs to declare nothing: the
importer maps the common keys by convention (see :func:`default_config_key`). An integration
declares a :class:`HomepageMapping` as its ``homepage`` class attribute only to add what the
convention cannot know::

    class Prometheus(Integration):
        homepage = HomepageMapping(
            aliases=("prometheusmetric",),           # other Homepage types it takes
            keys={"key": "api_key"},                 # Homepage key -> our config field
            endpoints=("targets",),                   # what goes on the board by default
            field_endpoints={"up": "targets"},        # Homepage `fields` entry -> endpoint
            flag_endpoints={"enableQueue": ("queue",)},  # a true flag adds endpoints
            convert=my_function,                      # whole-widget hook (customapi)
        )

This module is data only (no store, no Textual): the importer in ``launcher_tui.importers``
reads these declarations through the registry, so new integrations plug in by themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")

#: Widget keys the importer handles itself (widget placement, display), never config fields.
DISPLAY_KEYS = frozenset({"type", "url", "fields", "highlight", "hideErrors", "refreshInterval"})

#: Where Homepage's credential keys go when the integration does not say: the first config field
#: of each list that the integration has.
CREDENTIAL_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "key": ("api_key", "token", "key", "password"),
        "username": ("username", "user"),
        "password": ("password",),
    }
)


@dataclass(frozen=True)
class PlannedWidget:
    """One board widget a Homepage widget becomes: an endpoint with its options."""

    endpoint: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    """What a ``convert`` hook returns: config values, widgets, and what it could not map."""

    config: dict[str, Any] = field(default_factory=dict)
    widgets: tuple[PlannedWidget, ...] = ()
    problems: tuple[str, ...] = ()
    #: keys of the Homepage widget the hook consumed (not reported as unmapped)
    used: frozenset[str] = frozenset()


@dataclass(frozen=True)
class HomepageMapping:
    """An integration's declaration for the Homepage importer (every part optional)."""

    aliases: tuple[str, ...] = ()
    keys: Mapping[str, str] = field(default_factory=dict)
    endpoints: tuple[str, ...] = ()
    field_endpoints: Mapping[str, str] = field(default_factory=dict)
    #: a true Homepage flag adds endpoints (``enableQueue: true`` → the queue list)
    flag_endpoints: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    convert: Callable[[Mapping[str, Any]], Converted] | None = None
    #: Homepage keys that mean nothing here and are skipped silently (e.g. display toggles)
    ignore: frozenset[str] = frozenset()


def snake_case(key: str) -> str:
    """``rpcUrl`` → ``rpc_url``: Homepage keys are camelCase, our config fields snake_case."""
    return _CAMEL.sub(r"_\1", key).lower()


def default_config_key(key: str, config_fields: set[str], mapping: HomepageMapping) -> str | None:
    """The config field a Homepage widget key fills, or ``None`` when there is none.

    Order: the integration's own ``keys``; the credential conventions; the same name in
    snake_case (``version``, ``slug``, ``rpcUrl`` → ``rpc_url``).
    """
    if key in mapping.keys:
        return mapping.keys[key]
    for candidate in CREDENTIAL_FIELDS.get(key, ()):
        if candidate in config_fields:
            return candidate
    name = snake_case(key)
    return name if name in config_fields else None


def field_path(spec: Any) -> str:
    """A Homepage field reference as one of our field paths.

    Homepage writes nested fields as nested maps (``{data: {users: count}}`` is
    ``data.users.count``) or as a plain key; numeric steps are list indexes.
    """
    steps: list[Any] = []
    while isinstance(spec, Mapping) and len(spec) == 1:
        key, spec = next(iter(spec.items()))
        steps.append(key)
    steps.append(spec)
    text = ""
    for step in steps:
        if isinstance(step, int) or (isinstance(step, str) and step.lstrip("-").isdigit()):
            text += f"[{int(step)}]"
        elif (
            isinstance(step, str)
            and re.fullmatch(r"[A-Za-z0-9_$\-]+(\.[A-Za-z0-9_$\-]+)*", step)
            and (text or not step.startswith("$"))  # a leading "$" would read as the root
        ):
            text += ("." if text else "") + step
        else:
            text += f"[{json.dumps(str(step))}]"
    return text or "$"
