"""Custom API: read any JSON API and map its fields onto any renderer, per widget.

The app holds *where and how to authenticate* (URL, and ``auth``: none, HTTP Basic, a header
such as ``X-API-Key: <token>``, or ``Authorization: Bearer <token>``). Each widget holds *what to
ask and what to show*: one endpoint per renderer kind (``stat``, ``gauge``, ``list``,
``progress``, ``alert``, ``chart``), each with options naming the request (``path`` on the app's
URL, ``method`` GET or POST with an optional JSON ``body``) and the fields to map.

Fields are given as paths into the JSON answer (see :mod:`integrations.customapi.paths`)::

    data.items[0].value       one value           items[*].name     one per element
    stats["disk.used"]        keys with dots      $                 the whole answer

Per renderer (all options are flat text so the widget form can edit them):

* **stat** ``values``: ``Label=path|unit`` entries separated by ``;`` —
  ``Users=data.users; Load=data.load|%``; optional ``warning``/``critical`` thresholds.
* **gauge** ``field`` (a number), ``label``, ``unit``, ``min``/``max`` or ``max_field``,
  thresholds, ``low_is_bad``.
* **list** ``title_field`` (e.g. ``items[*].name``), optional ``detail_field`` and
  ``status_field`` (aligned element by element), ``warning_values``/``critical_values`` (status
  texts that colour a row) and ``limit``.
* **progress** ``value_field`` (percent, or a fraction with ``scale``, or a count with
  ``total_field``), ``label_field`` or ``label``, ``eta_field`` (seconds); ``[*]`` gives one bar
  per element.
* **alert** ``field`` checked by ``condition`` (truthy, falsy, equals, not_equals, above, below)
  against ``value``; raises an alert of ``severity`` with ``message`` (``{value}``, ``{field}``,
  ``{name}`` filled in). With ``[*]`` one alert per matching element, named by ``name_field``.
* **chart** ``values``: ``Label=path`` per series; the chart widget keeps the history.

Paths are checked when options are saved; a path the answer lacks fails with a message naming it,
where it stopped and what was there instead ("customapi: field 'data.count' not found in the
answer from /api/x"). Request paths are relative to the app URL on purpose: the app's credentials
never go to another host.
"""

from __future__ import annotations

import json
import math
from typing import Any

from integrations.auth_fields import HttpAuthConfig, credentials
from integrations.base import Context, Endpoint, Integration
from integrations.customapi.homepage import HOMEPAGE
from integrations.customapi.options import (
    AlertOptions,
    ChartOptions,
    GaugeOptions,
    ListOptions,
    ProgressOptions,
    RequestOptions,
    StatOptions,
    parse_mappings,
)
from integrations.customapi.paths import FieldMissing, FieldPath, parse_path
from integrations.errors import BadResponseError
from integrations.format import threshold_level
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    FetchResult,
    GaugeData,
    ListData,
    ListRow,
    ProgressData,
    ProgressItem,
    RendererKind,
    Series,
    Severity,
    Stat,
    StatData,
    now_point,
)

ID = "customapi"
FALSY_TEXT = frozenset({"", "0", "false", "no", "off", "null", "none"})


class CustomApiConfig(HttpAuthConfig):
    """Where the API is and how to log in (the shared HTTP authentication fields)."""


# -- request --------------------------------------------------------------------------------


def _credentials(ctx: Context) -> tuple[dict[str, str], tuple[str, str] | None]:
    return credentials(ctx.config, ctx.secret)


async def _answer(ctx: Context, options: RequestOptions) -> Any:
    headers, auth = _credentials(ctx)
    response = await ctx.http.request(
        options.method,
        options.path,
        json=options.json_body(),
        headers={"Accept": "application/json", **headers},
        auth=auth,
    )
    return response.json(options.path)


# -- reading fields -------------------------------------------------------------------------


def _missing(exc: FieldMissing, origin: str) -> BadResponseError:
    where = f" (there is no '{exc.stopped_at}')" if exc.stopped_at != exc.path.text else ""
    return BadResponseError(
        f"{ID}: field '{exc.path}' not found in the answer from {origin}{where}",
        hint=f"Check the field path in the widget options; there the answer has: "
        f"{', '.join(exc.available) or 'nothing'}.",
        integration=ID,
    )


def one(answer: Any, path: FieldPath | str, origin: str) -> Any:
    field = parse_path(path) if isinstance(path, str) else path
    try:
        return field.resolve(answer)
    except FieldMissing as exc:
        raise _missing(exc, origin) from None


def many(answer: Any, path: str, origin: str) -> list[Any]:
    """Values of a path, one per element for ``[*]``; a plain path to a list gives its items."""
    field = parse_path(path)
    try:
        values = field.resolve_many(answer)
    except FieldMissing as exc:
        raise _missing(exc, origin) from None
    if not field.has_wildcard and len(values) == 1 and isinstance(values[0], list):
        return list(values[0])
    return values


def number(value: Any, path: str, origin: str) -> float:
    """A JSON number (or numeric text) as float; anything else is a clear error."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = float(value.strip())
        except ValueError:
            pass
        else:
            if math.isfinite(parsed):
                return parsed
    raise BadResponseError(
        f"{ID}: field '{path}' in the answer from {origin} is {_show(value)}, not a number",
        hint="Point the widget option at a numeric field.",
        integration=ID,
    )


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return json.dumps(value, separators=(",", ":"))[:120]


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value)[:60]


def _scalar(value: Any, path: str, origin: str) -> float | int | str | None:
    """A stat value: numbers stay numbers, text stays text, objects are an error."""
    if isinstance(value, dict | list):
        raise BadResponseError(
            f"{ID}: field '{path}' in the answer from {origin} is {_show(value)}, not a value",
            hint="Point the mapping at a number or text inside it.",
            integration=ID,
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _aligned(answer: Any, path: str, count: int, origin: str) -> list[Any]:
    """Values of an optional path, padded to ``count`` rows ('' path: all ``None``)."""
    if not path:
        return [None] * count
    values = many(answer, path, origin)
    return (values + [None] * count)[:count]


def _is_truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in FALSY_TEXT
    return bool(value)


def _equals(value: Any, expected: str) -> bool:
    if isinstance(value, bool):
        return expected.strip().lower() in (("true", "yes", "1") if value else ("false", "no", "0"))
    if isinstance(value, int | float):
        try:
            return float(expected) == float(value)
        except ValueError:
            return False
    return text(value) == expected


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _message(template: str, values: dict[str, str]) -> str:
    try:
        return template.format_map(_Blank(values)).strip()
    except (ValueError, IndexError, AttributeError):
        return template  # not a valid template: show it as written


# -- the integration ------------------------------------------------------------------------


class CustomApi(Integration):
    id = ID
    name = "Custom API"
    icon = "🧩"
    category = "Other"
    description = "Any JSON API: map its fields onto stats, gauges, lists, bars, alerts, charts."
    docs_url = "https://gethomepage.dev/widgets/services/customapi/"
    homepage = HOMEPAGE
    config_model = CustomApiConfig
    endpoints = (
        Endpoint("stat", "Values", RendererKind.STAT, ttl=30, refresh=30,
                 description="One or more fields as labelled values.", options_model=StatOptions),
        Endpoint("gauge", "Gauge", RendererKind.GAUGE, ttl=30, refresh=30,
                 description="A numeric field on a gauge.", options_model=GaugeOptions),
        Endpoint("list", "List", RendererKind.LIST, ttl=30, refresh=30,
                 description="Rows from an array in the answer.", options_model=ListOptions),
        Endpoint("progress", "Progress", RendererKind.PROGRESS, ttl=15, refresh=15,
                 description="Progress bars from percent, fraction or count fields.",
                 options_model=ProgressOptions),
        Endpoint("alert", "Alert", RendererKind.ALERT, ttl=30, refresh=30,
                 description="An alert when a field meets a condition.",
                 options_model=AlertOptions),
        Endpoint("chart", "Chart", RendererKind.CHART, ttl=30, refresh=30,
                 description="Numeric fields drawn over time.", options_model=ChartOptions),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        headers, auth = _credentials(ctx)
        response = await ctx.http.request(
            "GET", "", headers=headers, auth=auth, ok_statuses=(404, 405)
        )
        kind = response.headers.get("content-type", "").split(";")[0] or "no content type"
        return f"{ctx.base_url} answers (HTTP {response.status_code}, {kind})"

    async def fetch_stat(self, ctx: Context, options: StatOptions) -> StatData:
        answer = await _answer(ctx, options)
        stats = []
        for mapping in parse_mappings(options.values):
            value = _scalar(
                one(answer, mapping.path, options.path), mapping.path.text, options.path
            )
            numeric = float(value) if isinstance(value, int | float) else None
            stats.append(
                Stat(
                    label=mapping.label,
                    value=value,
                    unit=mapping.unit,
                    level=threshold_level(numeric, options.warning, options.critical),
                )
            )
        return StatData(stats=stats)

    async def fetch_gauge(self, ctx: Context, options: GaugeOptions) -> GaugeData:
        answer = await _answer(ctx, options)
        value = number(one(answer, options.field, options.path), options.field, options.path)
        top = options.max
        if options.max_field:
            raw = one(answer, options.max_field, options.path)
            top = number(raw, options.max_field, options.path)
            if top <= options.min:
                raise BadResponseError(
                    f"{ID}: field '{options.max_field}' ({top:g}) is not above the minimum "
                    f"({options.min:g})",
                    integration=ID,
                )
        return GaugeData(
            label=options.label or options.field,
            value=value,
            min=options.min,
            max=top,
            unit=options.unit,
            warning=options.warning,
            critical=options.critical,
            low_is_bad=options.low_is_bad,
        )

    async def fetch_list(self, ctx: Context, options: ListOptions) -> ListData:
        answer = await _answer(ctx, options)
        titles = many(answer, options.title_field, options.path)
        details = _aligned(answer, options.detail_field, len(titles), options.path)
        statuses = _aligned(answer, options.status_field, len(titles), options.path)
        warning = {v.strip().lower() for v in options.warning_values.split(",") if v.strip()}
        critical = {v.strip().lower() for v in options.critical_values.split(",") if v.strip()}
        rows = []
        for title, detail, status in zip(titles, details, statuses, strict=True):
            if title is None:
                continue  # an element without the title field
            status_text = text(status)
            level = Severity.OK
            if status_text.lower() in critical:
                level = Severity.CRITICAL
            elif status_text.lower() in warning:
                level = Severity.WARNING
            rows.append(
                ListRow(title=text(title), detail=text(detail), status=status_text, level=level)
            )
        return ListData(rows=rows[: options.limit], total=len(rows), empty_text="The list is empty")

    async def fetch_progress(self, ctx: Context, options: ProgressOptions) -> ProgressData:
        answer = await _answer(ctx, options)
        origin = options.path
        values = many(answer, options.value_field, origin)
        count = len(values)
        if options.total_field and not parse_path(options.total_field).has_wildcard:
            totals = [one(answer, options.total_field, origin)] * count  # one total for all
        else:
            totals = _aligned(answer, options.total_field, count, origin)
        labels = _aligned(answer, options.label_field, count, origin)
        etas = _aligned(answer, options.eta_field, count, origin)
        items = []
        for index, (value, total, label, eta) in enumerate(
            zip(values, totals, labels, etas, strict=True)
        ):
            if value is None:
                continue
            done = number(value, options.value_field, origin)
            if options.total_field:
                whole = number(total, options.total_field, origin)
                percent = done / whole * 100 if whole > 0 else 0.0
            else:
                percent = done * 100 if options.scale == "fraction" else done
            name = text(label) or (options.label if count == 1 else f"{options.label} {index + 1}")
            seconds = number(eta, options.eta_field, origin) if eta is not None else None
            items.append(
                ProgressItem(
                    label=name,
                    percent=min(100.0, max(0.0, percent)),
                    eta_seconds=seconds if seconds is not None and seconds >= 0 else None,
                )
            )
        return ProgressData(items=items)

    async def fetch_alert(self, ctx: Context, options: AlertOptions) -> FetchResult:
        answer = await _answer(ctx, options)
        wildcard = parse_path(options.field).has_wildcard
        values = (
            many(answer, options.field, options.path)
            if wildcard
            else [one(answer, options.field, options.path)]
        )
        names = _aligned(answer, options.name_field, len(values), options.path)
        alerts = []
        for index, (value, name) in enumerate(zip(values, names, strict=True)):
            if not self._raised(options, value):
                continue
            shown = text(name) or (f"item {index + 1}" if wildcard else options.field)
            message = _message(
                options.message, {"value": text(value), "field": options.field, "name": shown}
            )
            key = f"{options.field}:{text(name) or index}" if wildcard else f"field:{options.field}"
            alerts.append(Alert(severity=Severity(options.severity), message=message, key=key))
        return FetchResult(data=AlertData(alerts=alerts), alerts=alerts)

    @staticmethod
    def _raised(options: AlertOptions, value: Any) -> bool:
        condition = options.condition
        if condition == "truthy":
            return _is_truthy(value)
        if condition == "falsy":
            return not _is_truthy(value)
        if condition == "equals":
            return _equals(value, options.value)
        if condition == "not_equals":
            return not _equals(value, options.value)
        if value is None:
            return False  # an element without the field has nothing to compare
        measured = number(value, options.field, options.path)
        limit = float(options.value)
        return measured > limit if condition == "above" else measured < limit

    async def fetch_chart(self, ctx: Context, options: ChartOptions) -> ChartData:
        answer = await _answer(ctx, options)
        series = []
        for mapping in parse_mappings(options.values):
            raw = one(answer, mapping.path, options.path)
            value = number(raw, mapping.path.text, options.path)
            series.append(Series(name=mapping.label, points=[now_point(value)]))
        return ChartData(series=series, unit=options.unit, style=options.style)


INTEGRATION = CustomApi()
