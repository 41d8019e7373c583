"""Typed data that integrations hand to renderers, one model per renderer kind.

Integrations return these and nothing else: the dashboard, the CLI (`--json`) and the tests all
consume the same shapes, so a renderer never has to guess what a service meant. Every model is
frozen and JSON-serialisable (``model_dump(mode="json")``).

Service text is data, never terminal control: every string given to a model is passed through
:func:`integrations.sanitize.clean_text` on the way in, so a renderer, a toast, a CLI line or a
log line only ever sees the cleaned text. The original text is kept beside it for ``--json``
(JSON escapes control characters itself): :func:`raw_dump` returns it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from integrations.kinds import RendererKind, Severity
from integrations.sanitize import clean_text

RAW_CONTEXT = {"raw_text": True}
"""Serialisation context under which models give back the service's original text."""


def worst(levels: list[Severity]) -> Severity:
    """The most severe of ``levels`` (``OK`` when empty)."""
    return max(levels, key=lambda s: s.rank, default=Severity.OK)


def _clean_field(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list) and any(isinstance(v, str) for v in value):
        return [clean_text(v) if isinstance(v, str) else v for v in value]
    return value


class _Frozen(BaseModel):
    """Base of every data model: frozen, strict about fields, and clean of terminal control."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    _raw_text: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _clean_text(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """Clean every string field on the way in; remember the originals that changed."""
        raw: dict[str, Any] = {}
        if isinstance(data, dict):
            cleaned = {key: _clean_field(value) for key, value in data.items()}
            raw = {
                key: data[key]
                for key, value in cleaned.items()
                if value is not data[key] and value != data[key]
            }
            data = cleaned
        model = handler(data)
        if raw:
            model._raw_text = raw
        return model

    @model_serializer(mode="wrap")
    def _serialize(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        """With :data:`RAW_CONTEXT`, the original text of fields that were cleaned."""
        out = handler(self)
        context = info.context
        if self._raw_text and isinstance(out, dict) and context and context.get("raw_text"):
            for key, original in self._raw_text.items():
                # a model_copy(update=...) may have replaced the field since: keep the new value
                if key in out and _clean_field(original) == getattr(self, key, None):
                    out[key] = original
        return out


class Alert(_Frozen):
    """Something a person should know about, raised by a fetch.

    ``key`` identifies the condition (e.g. ``disk:/srv``) so the overlay can tell a new alert
    from the same one seen again, and clear it when a later fetch no longer raises it.
    """

    severity: Literal[Severity.INFO, Severity.WARNING, Severity.CRITICAL]
    message: str
    key: str = ""
    source: str = ""  # filled in by the runtime with the app name


def unique_alerts(alerts: Iterable[Alert]) -> list[Alert]:
    """One alert per condition — same source and key (or message, for alerts without a key).

    Several endpoints or cards may report the same condition; when they disagree on how bad it
    is, the most severe report is kept. Order of first appearance is preserved.
    """
    kept: dict[tuple[str, str], Alert] = {}
    for alert in alerts:
        ident = (alert.source, alert.key or alert.message)
        current = kept.get(ident)
        if current is None or alert.severity.rank > current.severity.rank:
            kept[ident] = alert
    return list(kept.values())


class Stat(_Frozen):
    """One number (or short text) with its label; ``level`` drives the threshold colour."""

    label: str
    value: float | int | str | None
    unit: str = ""
    delta: float | None = None  # change since the previous sample, when the service knows it
    level: Severity = Severity.OK


class StatData(_Frozen):
    """A stat card: one or several labelled values (Sonarr: wanted, queued, series)."""

    kind: Literal[RendererKind.STAT] = RendererKind.STAT
    stats: list[Stat]


class GaugeData(_Frozen):
    """A value against a range, with optional warning/critical thresholds."""

    kind: Literal[RendererKind.GAUGE] = RendererKind.GAUGE
    label: str
    value: float
    min: float = 0.0
    max: float = 100.0
    unit: str = "%"
    warning: float | None = None
    critical: float | None = None
    low_is_bad: bool = False  # battery charge: trouble is *below* the thresholds

    def past(self, threshold: float | None) -> bool:
        """Whether the value has crossed ``threshold`` in the bad direction."""
        if threshold is None:
            return False
        return self.value <= threshold if self.low_is_bad else self.value >= threshold

    @property
    def level(self) -> Severity:
        """Threshold level of the current value."""
        if self.past(self.critical):
            return Severity.CRITICAL
        if self.past(self.warning):
            return Severity.WARNING
        return Severity.OK

    @property
    def fraction(self) -> float:
        """The value as 0..1 of the range, clamped."""
        span = self.max - self.min
        if span <= 0:
            return 0.0
        return min(1.0, max(0.0, (self.value - self.min) / span))


class ListRow(_Frozen):
    """One row of a list widget: a title, a detail line and an optional status badge."""

    title: str
    detail: str = ""
    status: str = ""
    level: Severity = Severity.OK
    url: str | None = None


class ListData(_Frozen):
    """Rows such as top processes, queue items or monitors; ``total`` when rows were cut."""

    kind: Literal[RendererKind.LIST] = RendererKind.LIST
    rows: list[ListRow]
    total: int | None = None
    empty_text: str = "Nothing to show"


class ProgressItem(_Frozen):
    """One labelled bar: percent done, optional ETA in seconds and a detail text."""

    label: str
    percent: float = Field(ge=0.0, le=100.0)
    eta_seconds: float | None = None
    detail: str = ""
    level: Severity = Severity.OK


class ProgressData(_Frozen):
    """One or many progress bars (downloads, disks, a print job)."""

    kind: Literal[RendererKind.PROGRESS] = RendererKind.PROGRESS
    items: list[ProgressItem]
    empty_text: str = "Nothing in progress"


class AlertData(_Frozen):
    """An alert banner's content: the endpoint's current alerts (empty = all clear)."""

    kind: Literal[RendererKind.ALERT] = RendererKind.ALERT
    alerts: list[Alert]
    ok_text: str = "All clear"

    @property
    def severity(self) -> Severity:
        """Worst severity present, ``OK`` when there are no alerts."""
        return worst([a.severity for a in self.alerts])


class Point(_Frozen):
    """One sample: unix time in seconds and a value."""

    t: float
    v: float


class Series(_Frozen):
    """A named time series."""

    name: str
    points: list[Point]


class ChartData(_Frozen):
    """Time series for the chart renderer.

    An integration may return only the latest sample per series; the chart widget keeps
    history across refreshes (merging by timestamp), so a one-point answer still draws a line.
    """

    kind: Literal[RendererKind.CHART] = RendererKind.CHART
    series: list[Series]
    unit: str = ""
    style: Literal["line", "bar"] = "line"
    y_min: float | None = None
    y_max: float | None = None


RendererData = Annotated[
    StatData | GaugeData | ListData | ProgressData | AlertData | ChartData,
    Field(discriminator="kind"),
]
"""Any renderer's data, discriminated by ``kind``."""

DATA_MODELS: dict[RendererKind, type[BaseModel]] = {
    RendererKind.STAT: StatData,
    RendererKind.GAUGE: GaugeData,
    RendererKind.LIST: ListData,
    RendererKind.PROGRESS: ProgressData,
    RendererKind.ALERT: AlertData,
    RendererKind.CHART: ChartData,
}


class FetchResult(_Frozen):
    """What one ``fetch_data`` call produced: the endpoint's data plus any alerts raised."""

    data: RendererData
    alerts: list[Alert] = []
    fetched_at: float = Field(default_factory=time.time)


def raw_dump(model: BaseModel) -> dict[str, Any]:
    """``model`` as JSON-ready data with the service's original text (for ``--json`` only)."""
    return model.model_dump(mode="json", context=RAW_CONTEXT)


def now_point(value: float, t: float | None = None) -> Point:
    """A sample stamped with the current time (helper for single-sample charts)."""
    return Point(t=time.time() if t is None else t, v=float(value))
