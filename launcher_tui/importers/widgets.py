"""One Homepage widget (``{type: sonarr, url: …, key: …}``) as an integration, settings and widgets.

The registry is the source of truth: a widget type maps to the integration with that id or
declaring it among its ``homepage.aliases``, and the integration's
:class:`~integrations.homepage.HomepageMapping` says how keys, ``fields`` and flags map (see
:mod:`integrations.homepage` for the conventions used when it says nothing). Whatever cannot be
mapped is returned as a problem; a widget whose settings do not validate leaves the app a plain
launcher entry, with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from integrations.homepage import (
    DISPLAY_KEYS,
    Converted,
    HomepageMapping,
    PlannedWidget,
    default_config_key,
)
from launcher_tui.importers.plan import BoardWidget
from launcher_tui.importers.substitute import drop_missing, missing_in
from launcher_tui.services.errors import validation_errors
from launcher_tui.services.schemas import MIN_REFRESH_SECONDS

if TYPE_CHECKING:
    from integrations.base import Endpoint, Integration
    from integrations.registry import Registry

_NO_MAPPING = HomepageMapping()
_THRESHOLD_LEVELS = {"warn": "warning", "danger": "critical"}


@dataclass
class Mapped:
    """The outcome for one widget: ``integration`` is None when it could not be mapped."""

    type: str
    integration: str | None = None
    #: the integration the type maps to even when its settings were incomplete: a re-import
    #: may still complete them from the settings already stored
    attempted: str | None = None
    config: dict[str, Any] = field(default_factory=dict, repr=False)
    secret_fields: frozenset[str] = frozenset()
    widgets: list[BoardWidget] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class TypeIndex:
    """Homepage widget type → our integration, built from the registry's declarations."""

    def __init__(self, registry: Registry) -> None:
        installed = registry.list()
        self.by_type: dict[str, Integration] = {i.id: i for i in installed}
        for integration in installed:  # an id always wins over another integration's alias
            declared = (integration.homepage or _NO_MAPPING).aliases
            # integrations.declarative's JsonIntegration names Homepage's aliases `aliases`
            for alias in (*declared, *getattr(integration, "aliases", ())):
                self.by_type.setdefault(alias, integration)

    def get(self, widget_type: str) -> Integration | None:
        return self.by_type.get(widget_type)


def map_widget(widget: Mapping[str, Any], href: str, index: TypeIndex) -> Mapped:
    """Map one Homepage widget; ``href`` is the service's click target (the app URL)."""
    kind = widget.get("type")
    if not isinstance(kind, str) or not kind:
        return Mapped(type="", problems=["widget without a type"])
    out = Mapped(type=kind)
    integration = index.get(kind)
    if integration is None:
        out.problems.append(f"widget type {kind!r}: no integration for it here")
        return out
    for name in missing_in(widget):
        out.problems.append(f"{name} is not set: its value was left out")
    widget = drop_missing(widget)  # type: ignore[assignment]
    mapping = integration.homepage or _NO_MAPPING
    converted = mapping.convert(widget) if mapping.convert else Converted()
    config = _config(widget, href, integration, mapping, converted, out.problems)
    config.update(converted.config)
    secrets = frozenset(integration.secret_fields())
    _text_where_text(config, integration.config_schema())
    out.problems.extend(converted.problems)
    out.attempted, out.config, out.secret_fields = integration.id, config, secrets
    try:
        integration.config_model.model_validate(config)
    except ValidationError as exc:
        for fld, msg in validation_errors(exc).items():
            out.problems.append(f"settings: {fld}: {msg}")
        out.problems.append("imported as a plain launcher entry")
        return out
    out.integration = integration.id
    planned = list(converted.widgets) or _endpoints(widget, integration, mapping)
    refresh = _refresh(widget.get("refreshInterval"), out.problems)
    thresholds = _thresholds(widget.get("highlight"), out.problems)
    for item in planned:
        board_widget = _board_widget(integration, item, refresh, thresholds, out.problems)
        if board_widget is not None:
            out.widgets.append(board_widget)
    if thresholds and not any({"warning", "critical"} & set(w.options) for w in out.widgets):
        out.problems.append("highlight: none of these widgets takes thresholds")
    return out


def _config(
    widget: Mapping[str, Any],
    href: str,
    integration: Integration,
    mapping: HomepageMapping,
    converted: Converted,
    problems: list[str],
) -> dict[str, Any]:
    fields = set(integration.config_model.model_fields)
    config: dict[str, Any] = {}
    used = DISPLAY_KEYS | converted.used | mapping.ignore | set(mapping.flag_endpoints)
    url = widget.get("url")
    same_as_href = str(url or "").rstrip("/") == href.rstrip("/")
    if url and not same_as_href and "url" not in converted.used and "api_url" in fields:
        config["api_url"] = str(url)
    for key, value in widget.items():
        if key in used:
            continue
        target = default_config_key(str(key), fields, mapping)
        if target is None:
            problems.append(f"{key}: not mapped (no such setting in {integration.id})")
        else:
            config[target] = value
    return config


def _text_where_text(config: dict[str, Any], schema: Mapping[str, Any]) -> None:
    """YAML reads ``version: 6`` or ``key: 0123`` as numbers; a setting that takes text (a
    secret, a choice of "5"/"6") gets the text, as Homepage itself would pass it on."""
    properties = schema.get("properties", {})
    for name, value in config.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        spec = properties.get(name, {})
        variants = spec.get("anyOf") or [spec]
        takes_number = any(v.get("type") in ("integer", "number") for v in variants)
        takes_text = any(
            v.get("type") == "string" or any(isinstance(e, str) for e in v.get("enum", ()))
            for v in variants
        )
        if takes_text and not takes_number:
            config[name] = str(value)


def _endpoints(
    widget: Mapping[str, Any], integration: Integration, mapping: HomepageMapping
) -> list[PlannedWidget]:
    names: list[str] = []
    fields = widget.get("fields")
    if isinstance(fields, str):
        try:
            fields = json.loads(fields)
        except ValueError:
            fields = [fields]
    for name in fields if isinstance(fields, list) else []:
        endpoint = mapping.field_endpoints.get(str(name).split(".")[-1])
        if endpoint:
            names.append(endpoint)
    if not names:
        names = list(mapping.endpoints) or [integration.endpoints[0].id]
    for flag, extra in mapping.flag_endpoints.items():
        if _truthy(widget.get(flag)):
            names += extra
    return [PlannedWidget(name) for name in dict.fromkeys(names)]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _refresh(value: Any, problems: list[str]) -> float | None:
    """``refreshInterval`` is in milliseconds; ours in seconds, at least the minimum."""
    if value in (None, ""):
        return None
    try:
        seconds = float(value) / 1000
    except (TypeError, ValueError):
        problems.append(f"refreshInterval: {value!r} is not a number of milliseconds")
        return None
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        problems.append("refreshInterval: not a number")
        return None
    return min(max(seconds, MIN_REFRESH_SECONDS), 86400.0)


def _thresholds(highlight: Any, problems: list[str]) -> dict[str, float]:
    """Homepage ``highlight`` numeric rules as our ``warning``/``critical`` (at or above)."""
    out: dict[str, float] = {}
    if not isinstance(highlight, Mapping):
        return out
    for name, spec in highlight.items():
        if not isinstance(spec, Mapping):
            continue
        for rule in spec.get("numeric") or []:
            level = _THRESHOLD_LEVELS.get(str(rule.get("level")))
            when = rule.get("when")
            if level is None or when not in ("gt", "gte") or rule.get("negate"):
                problems.append(
                    f"highlight.{name}: rule {when!r}/{rule.get('level')!r} has no equivalent"
                )
                continue
            try:
                out[level] = float(rule.get("value"))
            except (TypeError, ValueError):
                problems.append(f"highlight.{name}: {rule.get('value')!r} is not a number")
        if spec.get("string"):
            problems.append(f"highlight.{name}: text rules have no equivalent")
    return out


def _board_widget(
    integration: Integration,
    planned: PlannedWidget,
    refresh: float | None,
    thresholds: Mapping[str, float],
    problems: list[str],
) -> BoardWidget | None:
    try:
        endpoint: Endpoint = integration.endpoint(planned.endpoint)
    except LookupError:
        problems.append(f"{integration.id} has no endpoint {planned.endpoint!r}")
        return None
    options = dict(planned.options)
    if endpoint.options_model is not None:
        known = endpoint.options_model.model_fields
        options.update({k: v for k, v in thresholds.items() if k in known})
        try:
            endpoint.options_model.model_validate(options)
        except ValidationError as exc:
            for fld, msg in validation_errors(exc).items():
                problems.append(f"{endpoint.id} widget: {fld}: {msg}")
            return None
    elif options:
        problems.append(f"{endpoint.id} widget: takes no options")
        options = {}
    return BoardWidget(endpoint.id, options, refresh)
