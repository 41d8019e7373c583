"""Prometheus: scrape-target health plus PromQL queries drawn as stats, gauges and charts.

Target health comes from ``/api/v1/targets?state=active`` (what Homepage shows: up/down/total).
The query endpoints take their PromQL from the *widget's* options, so one Prometheus app can
feed many widgets ("load", "free disk", "HTTP 5xx rate"...). A query Prometheus rejects is the
widget's configuration problem, so it surfaces as a :class:`ConfigError` that names the query.
"""

from __future__ import annotations

import json
import math
import time
from typing import Any

from pydantic import Field, SecretStr, model_validator

from integrations.base import (
    Context,
    Endpoint,
    EndpointOptions,
    HttpConfig,
    Integration,
    parse_model,
)
from integrations.client import describe_body
from integrations.errors import (
    BadResponseError,
    BadStatusError,
    ConfigError,
    IntegrationError,
    ServiceTimeoutError,
)
from integrations.format import threshold_level
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    FetchResult,
    GaugeData,
    ListData,
    ListRow,
    Point,
    RendererKind,
    Series,
    Severity,
    Stat,
    StatData,
)
from integrations.prometheus.api import (
    BuildInfo,
    Envelope,
    InstantResult,
    RangeResult,
    ScalarResult,
    Target,
    Targets,
    VectorResult,
)
from integrations.prometheus.homepage import HOMEPAGE

ID = "prometheus"
# Prometheus answers query problems with these statuses and a JSON error envelope.
_API_ERROR_STATUSES = (400, 422, 503)
_MAX_RANGE_POINTS = 11_000  # Prometheus refuses longer range queries
_HEALTH_LEVEL = {"up": Severity.OK, "down": Severity.CRITICAL, "unknown": Severity.WARNING}


class PrometheusConfig(HttpConfig):
    """Prometheus has no auth of its own; a web config or a reverse proxy may add HTTP Basic."""

    username: str = Field(
        default="",
        title="User name",
        description="Only if Prometheus or a proxy in front of it asks for HTTP Basic auth.",
    )
    password: SecretStr | None = Field(
        default=None, title="Password", description="HTTP Basic password (with the user name)."
    )


# -- widget options -------------------------------------------------------------------------


class _QueryOptions(EndpointOptions):
    query: str = Field(
        min_length=1,
        title="PromQL query",
        description="An expression such as node_load1 or sum(rate(http_requests_total[5m])) by (job).",
    )
    label: str = Field(
        default="",
        title="Label",
        description="Name shown for the value; {label} placeholders take the series' labels, "
        "e.g. {instance}. Empty: the labels that differ between series.",
    )
    unit: str = Field(
        default="", title="Unit", description="Shown after the value, e.g. % or req/s."
    )


class _Thresholds(EndpointOptions):
    warning: float | None = Field(
        default=None, title="Warning at", description="Values at or above this are a warning."
    )
    critical: float | None = Field(
        default=None, title="Critical at", description="Values at or above this are critical."
    )


class QueryStatOptions(_QueryOptions, _Thresholds):
    limit: int = Field(
        default=5, ge=1, le=50, title="Series", description="Show at most this many."
    )


class QueryGaugeOptions(_QueryOptions, _Thresholds):
    unit: str = Field(default="%", title="Unit", description="Shown after the value.")
    min: float = Field(default=0.0, title="Minimum", description="Low end of the gauge.")
    max: float = Field(default=100.0, title="Maximum", description="High end of the gauge.")

    @model_validator(mode="after")
    def _range(self) -> QueryGaugeOptions:
        if self.max <= self.min:
            raise ValueError("max must be greater than min")
        return self


class QueryChartOptions(_QueryOptions):
    window_minutes: int = Field(
        default=30, ge=1, le=7 * 24 * 60, title="Window (min)", description="How far back to draw."
    )
    step_seconds: int = Field(
        default=60, ge=1, le=24 * 3600, title="Step (s)", description="Seconds between points."
    )
    limit: int = Field(
        default=10, ge=1, le=50, title="Series", description="Draw at most this many."
    )

    @model_validator(mode="after")
    def _points(self) -> QueryChartOptions:
        if self.window_minutes * 60 / self.step_seconds > _MAX_RANGE_POINTS:
            raise ValueError(
                f"window/step gives more than {_MAX_RANGE_POINTS} points; raise the step"
            )
        return self


# -- helpers --------------------------------------------------------------------------------


def _auth(ctx: Context) -> tuple[str, str] | None:
    username = ctx.config.username
    return (username, ctx.secret("password")) if username else None


async def _api(
    ctx: Context, path: str, params: dict[str, Any] | None, *, what: str, query: str = ""
) -> Any:
    """GET an API path and unwrap its envelope; errors become typed errors."""
    response = await ctx.http.request(
        "GET", path, params=params, auth=_auth(ctx), ok_statuses=_API_ERROR_STATUSES
    )
    if response.status_code >= 400:
        try:
            payload = json.loads(response.content)
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or payload.get("status") != "error":
            detail = describe_body(response.content, response.headers.get("content-type", ""))
            raise BadStatusError(
                f"Prometheus: {response.url} answered HTTP {response.status_code} ({detail})",
                status_code=response.status_code,
                integration=ID,
            )
    else:
        payload = response.json(what)
    envelope = parse_model(Envelope, payload, integration=ID, what=what)
    if envelope.status == "error":
        raise _api_error(envelope, what=what, query=query)
    return envelope.data


def _api_error(envelope: Envelope, *, what: str, query: str) -> IntegrationError:
    kind, message = envelope.errorType or "error", envelope.error or "no detail given"
    if kind in ("timeout", "canceled"):
        return ServiceTimeoutError(f"Prometheus: {what} timed out: {message}", integration=ID)
    if query and kind in ("bad_data", "execution"):
        return ConfigError(
            f"Prometheus rejected the query {query!r}: {message}",
            hint="Fix the query in the widget options (try it on Prometheus' Graph page first).",
            integration=ID,
        )
    return BadResponseError(f"Prometheus: {what} failed ({kind}: {message})", integration=ID)


def _number(text: str) -> float | None:
    """A sample value as a float; NaN/±Inf (no meaningful value) become ``None``."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def series_names(metrics: list[dict[str, str]], label: str, query: str) -> list[str]:
    """A readable name per series: the label template, else the labels that tell them apart."""
    if "{" in label:
        try:
            return [label.format_map(_Blank(m)).strip() or query for m in metrics]
        except (ValueError, IndexError, AttributeError):
            pass  # not a valid template: treat it as plain text
    keys = sorted({k for m in metrics for k in m})
    differing = [k for k in keys if len({m.get(k, "") for m in metrics}) > 1]
    names = []
    for metric in metrics:
        base = label or (metric.get("__name__", "") if "__name__" not in differing else "")
        detail = " ".join(metric.get(k, "") for k in differing if metric.get(k))
        names.append(" ".join(p for p in (base, detail) if p) or query)
    return names


SHOWN_SERIES_NAMES = 3


def too_many_series(query: str, metrics: list[dict[str, str]], label: str) -> ConfigError:
    """A single-value widget got several series: say how many and how to pick one.

    Showing the first would be a silent guess (a gauge with thresholds could hide the one
    instance that is on fire), so the widget asks for an aggregation instead.
    """
    names = series_names(metrics, label, query)
    shown = ", ".join(names[:SHOWN_SERIES_NAMES])
    more = f", … {len(names) - SHOWN_SERIES_NAMES} more" if len(names) > SHOWN_SERIES_NAMES else ""
    return ConfigError(
        f"Prometheus: the query {query!r} returns {len(metrics)} series ({shown}{more}); "
        "a gauge shows one value",
        hint=f"Aggregate it, e.g. max({query}) or sum({query}), or select one series with a "
        'label matcher, e.g. metric{instance="host:9100"}. The Query (stat) widget lists '
        "every series.",
        integration=ID,
    )


def _instant_samples(data: Any, query: str) -> list[tuple[dict[str, str], str]]:
    """(labels, raw value) per series of an instant query, whatever its result type."""
    result = parse_model(InstantResult, data, integration=ID, what=f"the query {query!r}")
    what = f"the result of {query!r}"
    if result.resultType == "vector":
        vector = parse_model(VectorResult, data, integration=ID, what=what)
        return [(s.metric, s.value[1]) for s in vector.result]
    if result.resultType in ("scalar", "string"):
        scalar = parse_model(ScalarResult, data, integration=ID, what=what)
        return [({}, scalar.result[1])]
    raise ConfigError(
        f"Prometheus: the query {query!r} returns a range vector; give an instant expression "
        "(e.g. rate(x[5m]) rather than x[5m])",
        integration=ID,
    )


async def _instant(ctx: Context, query: str) -> list[tuple[dict[str, str], str]]:
    data = await _api(
        ctx, "/api/v1/query", {"query": query}, what=f"the query {query!r}", query=query
    )
    return _instant_samples(data, query)


async def _targets(ctx: Context) -> list[Target]:
    what = "active targets (/api/v1/targets)"
    data = await _api(ctx, "/api/v1/targets", {"state": "active"}, what=what)
    return parse_model(Targets, data, integration=ID, what=what).activeTargets


# -- the integration ------------------------------------------------------------------------


class Prometheus(Integration):
    id = ID
    name = "Prometheus"
    icon = "🔥"
    category = "Monitoring"
    description = "Scrape-target health and PromQL queries as stats, gauges and charts."
    homepage = HOMEPAGE
    docs_url = "https://prometheus.io/docs/prometheus/latest/querying/api/"
    config_model = PrometheusConfig
    endpoints = (
        Endpoint("targets", "Targets", RendererKind.STAT, ttl=30, refresh=30,
                 description="Active scrape targets: up, down, total."),
        Endpoint("target_list", "Target list", RendererKind.LIST, ttl=30, refresh=30,
                 description="Every active target with its health and last scrape error."),
        Endpoint("target_alerts", "Down targets", RendererKind.ALERT, ttl=30, refresh=30,
                 description="A critical alert per target that is down."),
        Endpoint("query_stat", "Query (stat)", RendererKind.STAT, ttl=15, refresh=15,
                 description="An instant PromQL query, one value per series.",
                 options_model=QueryStatOptions),
        Endpoint("query_gauge", "Query (gauge)", RendererKind.GAUGE, ttl=15, refresh=15,
                 description="An instant PromQL query's first value on a gauge.",
                 options_model=QueryGaugeOptions),
        Endpoint("query_chart", "Query (chart)", RendererKind.CHART, ttl=60, refresh=60,
                 description="A PromQL range query over a time window.",
                 options_model=QueryChartOptions),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        data = await _api(ctx, "/api/v1/status/buildinfo", None, what="build info")
        info = parse_model(BuildInfo, data, integration=ID, what="build info")
        return f"Prometheus {info.version}"

    async def fetch_targets(self, ctx: Context, options: None) -> StatData:
        targets = await _targets(ctx)
        up = sum(t.health == "up" for t in targets)
        down = sum(t.health == "down" for t in targets)
        return StatData(
            stats=[
                Stat(label="Up", value=up),
                Stat(label="Down", value=down, level=Severity.CRITICAL if down else Severity.OK),
                Stat(label="Total", value=len(targets)),
            ]
        )

    async def fetch_target_list(self, ctx: Context, options: None) -> ListData:
        targets = await _targets(ctx)
        targets.sort(key=lambda t: (-_HEALTH_LEVEL[t.health].rank, t.job, t.instance))
        rows = [
            ListRow(
                title=f"{t.job}/{t.instance}",
                detail=t.lastError,
                status=t.health,
                level=_HEALTH_LEVEL[t.health],
                url=t.scrapeUrl,
            )
            for t in targets
        ]
        return ListData(rows=rows, total=len(rows), empty_text="No active targets")

    async def fetch_target_alerts(self, ctx: Context, options: None) -> FetchResult:
        alerts = [
            Alert(
                severity=Severity.CRITICAL,
                message=f"Target {t.job}/{t.instance} is down: {t.lastError or 'no detail'}",
                key=f"target:{t.scrapeUrl}",
            )
            for t in await _targets(ctx)
            if t.health == "down"
        ]
        return FetchResult(data=AlertData(alerts=alerts, ok_text="All targets up"), alerts=alerts)

    async def fetch_query_stat(self, ctx: Context, options: QueryStatOptions) -> StatData:
        samples = (await _instant(ctx, options.query))[: options.limit]
        names = series_names([m for m, _ in samples], options.label, options.query)
        stats = []
        for name, (_, raw) in zip(names, samples, strict=True):
            value = _number(raw)
            # a string result is shown as is; NaN/Inf as "no value"
            shown = raw if value is None and not _is_numeric(raw) else value
            stats.append(
                Stat(
                    label=name,
                    value=shown,
                    unit=options.unit,
                    level=threshold_level(value, options.warning, options.critical),
                )
            )
        if not stats:
            stats = [Stat(label=options.label or options.query, value=None, unit=options.unit)]
        return StatData(stats=stats)

    async def fetch_query_gauge(self, ctx: Context, options: QueryGaugeOptions) -> GaugeData:
        samples = await _instant(ctx, options.query)
        if not samples:
            raise ConfigError(
                f"Prometheus: the query {options.query!r} returned no data",
                hint="A gauge needs one series; check the metric exists (labels, spelling).",
                integration=ID,
            )
        if len(samples) > 1:
            raise too_many_series(options.query, [m for m, _ in samples], options.label)
        metric, raw = samples[0]
        value = _number(raw)
        if value is None:
            raise BadResponseError(
                f"Prometheus: the query {options.query!r} gave {raw!r}, not a number",
                hint="A gauge needs a numeric result.",
                integration=ID,
            )
        return GaugeData(
            label=series_names([metric], options.label, options.query)[0],
            value=value,
            min=options.min,
            max=options.max,
            unit=options.unit,
            warning=options.warning,
            critical=options.critical,
        )

    async def fetch_query_chart(self, ctx: Context, options: QueryChartOptions) -> ChartData:
        end = time.time()
        params = {
            "query": options.query,
            "start": f"{end - options.window_minutes * 60:.3f}",
            "end": f"{end:.3f}",
            "step": str(options.step_seconds),
        }
        what = f"the range query {options.query!r}"
        data = await _api(ctx, "/api/v1/query_range", params, what=what, query=options.query)
        result = parse_model(RangeResult, data, integration=ID, what=what).result[: options.limit]
        names = series_names([s.metric for s in result], options.label, options.query)
        series = [
            Series(
                name=name,
                points=[Point(t=t, v=v) for t, raw in s.values if (v := _number(raw)) is not None],
            )
            for name, s in zip(names, result, strict=True)
        ]
        return ChartData(series=series, unit=options.unit)


INTEGRATION = Prometheus()
