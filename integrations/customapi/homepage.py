"""Homepage's ``customapi`` widget as our custom API app settings and widgets.

Homepage's widget holds a full ``url``; ours splits it into the app's API URL (scheme and host)
and a request ``path`` per widget, so credentials only ever go to that one origin. ``mappings``
become the stat endpoint's ``Label=path|unit`` values; ``display: dynamic-list`` becomes the list
endpoint. Authentication: ``username``/``password`` → basic; one ``headers`` entry →
header (or bearer for ``Authorization: Bearer …``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from integrations.homepage import Converted, HomepageMapping, PlannedWidget, field_path

USED = frozenset(
    {"url", "username", "password", "headers", "method", "requestBody", "mappings", "display"}
)


def _auth(widget: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    headers = widget.get("headers") or {}
    if not isinstance(headers, Mapping):
        problems.append("headers: not a map of header names to values")
        headers = {}
    if widget.get("username") or widget.get("password"):
        if headers:
            problems.append("headers: not imported (basic authentication is used)")
        return {
            "auth": "basic",
            "username": str(widget.get("username") or ""),
            "password": str(widget.get("password") or ""),
        }
    if not headers:
        return {}
    (name, value), *rest = headers.items()
    if rest:
        problems.append(f"headers: only one header is supported; kept {name}")
    text = str(value)
    if str(name).lower() == "authorization" and text.lower().startswith("bearer "):
        return {"auth": "bearer", "token": text[7:].strip()}
    return {"auth": "header", "header_name": str(name), "token": text}


def _request(widget: Mapping[str, Any], path: str) -> dict[str, Any]:
    options: dict[str, Any] = {"path": path}
    method = str(widget.get("method") or "GET").upper()
    if method != "GET":
        options["method"] = method
        body = widget.get("requestBody")
        if body not in (None, ""):
            options["body"] = body if isinstance(body, str) else json.dumps(body)
    return options


def _value(mapping: Mapping[str, Any]) -> str:
    label = str(mapping.get("label") or field_path(mapping.get("field"))).replace(";", ",")
    unit = str(mapping.get("suffix") or ("%" if mapping.get("format") == "percent" else ""))
    return f"{label.replace('=', '-')}={field_path(mapping.get('field'))}" + (
        f"|{unit}" if unit else ""
    )


def convert(widget: Mapping[str, Any]) -> Converted:
    problems: list[str] = []
    url = str(widget.get("url") or "")
    parts = urlsplit(url)
    config: dict[str, Any] = {}
    if parts.scheme and parts.netloc:
        config["api_url"] = f"{parts.scheme}://{parts.netloc}"
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    config.update(_auth(widget, problems))
    request = _request(widget, path)
    mappings = widget.get("mappings") or []
    display = str(widget.get("display") or "block")
    if display == "dynamic-list" and isinstance(mappings, Mapping):
        items = field_path(mappings.get("items") or "$")
        each = "[*]" if items != "$" else "$[*]"
        base = items + each if items != "$" else each
        options = {**request, "title_field": f"{base}.{field_path(mappings.get('name') or 'name')}"}
        if mappings.get("label"):
            options["detail_field"] = f"{base}.{field_path(mappings['label'])}"
        if mappings.get("limit"):
            options["limit"] = mappings["limit"]
        return Converted(config, (PlannedWidget("list", options),), tuple(problems), USED)
    if isinstance(mappings, Mapping):
        mappings = [mappings]
    values = []
    for n, mapping in enumerate(mappings):
        if not isinstance(mapping, Mapping) or mapping.get("field") in (None, ""):
            problems.append(f"mappings[{n}]: no field")
            continue
        for extra in ("remap", "additionalField", "scale"):
            if extra in mapping:
                problems.append(f"mappings[{n}].{extra}: not supported, value shown as is")
        values.append(_value(mapping))
    if not values:
        problems.append("mappings: nothing to show; the app is kept without a widget")
        return Converted(config, (), tuple(problems), USED)
    options = {**request, "values": "; ".join(values)}
    return Converted(config, (PlannedWidget("stat", options),), tuple(problems), USED)


HOMEPAGE = HomepageMapping(convert=convert)
