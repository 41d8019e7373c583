"""Widget options of the custom API endpoints: the request to send and the fields to map.

Every option is a flat string or number so the generated widget form can edit it; paths use the
syntax of :mod:`integrations.customapi.paths` and are checked when the options are saved.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from integrations.base import EndpointOptions
from integrations.customapi.paths import FieldPath, PathError, parse_path


def _path(value: str) -> str:
    try:
        parse_path(value)
    except PathError as exc:
        raise ValueError(str(exc)) from None
    return value.strip()


def _optional_path(value: str) -> str:
    return _path(value) if value.strip() else ""


PathText = Annotated[str, AfterValidator(_path)]
"""A field path (checked when the options are saved)."""
OptionalPathText = Annotated[str, AfterValidator(_optional_path)]
"""A field path or '' for "not used"."""


@dataclass(frozen=True)
class Mapping:
    """One ``Label=path|unit`` entry of a stat or chart mapping."""

    label: str
    path: FieldPath
    unit: str = ""


_MAPPING = re.compile(r"^(?P<label>[^=]+)=(?P<path>[^|]+)(?:\|(?P<unit>.*))?$")


def parse_mappings(text: str) -> list[Mapping]:
    """``Users=data.users; Load=data.load|%`` → mappings (``;`` or new lines between them)."""
    mappings = []
    for raw in re.split(r"[;\n]", text):
        entry = raw.strip()
        if not entry:
            continue
        match = _MAPPING.match(entry)
        if match is None:
            raise ValueError(f"'{entry}' is not Label=field.path (optionally |unit)")
        try:
            path = parse_path(match.group("path"))
        except PathError as exc:
            raise ValueError(str(exc)) from None
        if path.has_wildcard:
            raise ValueError(f"'{entry}': a value takes one field, not [*]")
        mappings.append(
            Mapping(match.group("label").strip(), path, (match.group("unit") or "").strip())
        )
    if not mappings:
        raise ValueError("give at least one Label=field.path")
    return mappings


class RequestOptions(EndpointOptions):
    """Where the data comes from: a path on the app's API URL."""

    path: str = Field(
        default="/",
        title="Request path",
        description="Path (and query) on the app's URL, e.g. /api/stats?window=1h.",
    )
    method: Literal["GET", "POST"] = Field(
        default="GET", title="Method", description="POST sends the body below as JSON."
    )
    body: str = Field(
        default="", title="JSON body", description="For POST: the JSON document to send."
    )

    @field_validator("path")
    @classmethod
    def _relative(cls, value: str) -> str:
        """Only paths on the app's own URL: credentials must never go to another host."""
        value = value.strip() or "/"
        if "://" in value or value.startswith("//"):
            raise ValueError("give a path on the app's URL (e.g. /api/status), not a full URL")
        return value if value.startswith(("/", "?")) else f"/{value}"

    @field_validator("body")
    @classmethod
    def _json(cls, value: str) -> str:
        if value.strip():
            try:
                json.loads(value)
            except ValueError as exc:
                raise ValueError(f"the body is not valid JSON: {exc}") from None
        return value

    def json_body(self) -> object:
        return json.loads(self.body) if self.method == "POST" and self.body.strip() else None


class _Thresholds(EndpointOptions):
    warning: float | None = Field(
        default=None, title="Warning at", description="Numbers at or above this are a warning."
    )
    critical: float | None = Field(
        default=None, title="Critical at", description="Numbers at or above this are critical."
    )


class StatOptions(_Thresholds, RequestOptions):
    values: str = Field(
        title="Values",
        description="Label=field.path, optionally |unit; several separated by ';'. "
        "E.g. Users=data.users; Load=data.load|%",
    )

    @field_validator("values")
    @classmethod
    def _mappings(cls, value: str) -> str:
        parse_mappings(value)
        return value


class GaugeOptions(_Thresholds, RequestOptions):
    field: PathText = Field(title="Value field", description="Path of the number, e.g. data.cpu.")
    label: str = Field(default="", title="Label", description="Shown with the value.")
    unit: str = Field(default="%", title="Unit", description="Shown after the value.")
    min: float = Field(default=0.0, title="Minimum", description="Low end of the gauge.")
    max: float = Field(default=100.0, title="Maximum", description="High end of the gauge.")
    max_field: OptionalPathText = Field(
        default="",
        title="Maximum field",
        description="Path of the high end in the answer (e.g. disk.total); overrides Maximum.",
    )
    low_is_bad: bool = Field(
        default=False,
        title="Low is bad",
        description="Thresholds warn below instead of above (battery, free space).",
    )

    @model_validator(mode="after")
    def _range(self) -> GaugeOptions:
        if not self.max_field and self.max <= self.min:
            raise ValueError("max must be greater than min")
        if parse_path(self.field).has_wildcard:
            raise ValueError("a gauge takes one value: no [*] in the value field")
        return self


class ListOptions(RequestOptions):
    title_field: PathText = Field(
        title="Title field",
        description="Path of each row's title, with [*] over the items, e.g. items[*].name.",
    )
    detail_field: OptionalPathText = Field(
        default="",
        title="Detail field",
        description="Path of each row's detail, e.g. items[*].url.",
    )
    status_field: OptionalPathText = Field(
        default="",
        title="Status field",
        description="Path of each row's status badge, e.g. items[*].state.",
    )
    warning_values: str = Field(
        default="",
        title="Warning statuses",
        description="Comma-separated status values shown as warnings, e.g. degraded,pending.",
    )
    critical_values: str = Field(
        default="",
        title="Critical statuses",
        description="Comma-separated status values shown as critical, e.g. down,error.",
    )
    limit: int = Field(
        default=20, ge=1, le=200, title="Rows", description="Show at most this many."
    )


class ProgressOptions(RequestOptions):
    value_field: PathText = Field(
        title="Value field",
        description="Path of the progress, e.g. job.percent, or jobs[*].done for one bar each.",
    )
    total_field: OptionalPathText = Field(
        default="",
        title="Total field",
        description="Path of the total when the value is a count (percent = value/total).",
    )
    scale: Literal["percent", "fraction"] = Field(
        default="percent",
        title="Value is",
        description="percent: 0..100; fraction: 0..1 (ignored with a total field).",
    )
    label_field: OptionalPathText = Field(
        default="", title="Label field", description="Path of each bar's label, e.g. jobs[*].name."
    )
    label: str = Field(default="Progress", title="Label", description="Label when no label field.")
    eta_field: OptionalPathText = Field(
        default="", title="ETA field", description="Path of the seconds left, e.g. jobs[*].eta."
    )


Condition = Literal["truthy", "falsy", "equals", "not_equals", "above", "below"]


class AlertOptions(RequestOptions):
    field: PathText = Field(
        title="Field",
        description="Path of the value to check, e.g. status, or services[*].ok for one alert "
        "per item.",
    )
    condition: Condition = Field(
        default="truthy",
        title="Alert when",
        description="truthy/falsy, equals/not_equals the value below, above/below the number.",
    )
    value: str = Field(
        default="", title="Compare with", description="For equals/not_equals/above/below."
    )
    severity: Literal["info", "warning", "critical"] = Field(
        default="warning", title="Severity", description="How bad a raised alert is."
    )
    message: str = Field(
        default="{name}: {field} is {value}",
        title="Message",
        description="Alert text; {value}, {field} and {name} (from the name field) are filled in.",
    )
    name_field: OptionalPathText = Field(
        default="",
        title="Name field",
        description="Path naming each item for [*] fields, e.g. services[*].name.",
    )

    @model_validator(mode="after")
    def _comparable(self) -> AlertOptions:
        if self.condition in ("above", "below"):
            try:
                float(self.value)
            except ValueError:
                raise ValueError(f"'{self.condition}' needs a number to compare with") from None
        return self


class ChartOptions(RequestOptions):
    values: str = Field(
        title="Series",
        description="Label=field.path per series, separated by ';', e.g. In=net.rx; Out=net.tx",
    )
    unit: str = Field(default="", title="Unit", description="Unit of the values.")
    style: Literal["line", "bar"] = Field(
        default="line", title="Style", description="Line or bars."
    )

    @field_validator("values")
    @classmethod
    def _mappings(cls, value: str) -> str:
        parse_mappings(value)
        return value
