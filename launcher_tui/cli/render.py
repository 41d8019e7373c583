"""Plain-text rendering of each renderer kind, for ``launcher-tui fetch`` without ``--json``.

The dashboard draws the same models with widgets; here each kind becomes a few readable lines
that survive ``grep``, pipes and terminals without colour. Every value the models accept is
drawn, never raised on: NaN is "—", infinities "∞", huge numbers scientific (the same rules as
the cards, from :func:`widgets.format.special_number`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from integrations.models import (
    AlertData,
    ChartData,
    GaugeData,
    ListData,
    ProgressData,
    Severity,
    StatData,
)
from widgets.format import special_number

_BAR_WIDTH = 20
_SPARKS = "▁▂▃▄▅▆▇█"
_NO_SAMPLE = " "  # a NaN or infinite sample in a sparkline: a gap, not a guess
_MAX_HOURS = 99_999


def number(value: float | int | str | None) -> str:
    """Numbers without noise: ``12``, ``3.5``, ``1,234,567``."""
    if value is None:
        return "-"
    if isinstance(value, bool | str):
        return str(value)
    special = special_number(value)
    if special is not None:
        return special
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def bar(fraction: float, width: int = _BAR_WIDTH) -> str:
    """``[#######-------]`` for ``fraction`` of 0..1."""
    if not math.isfinite(fraction):
        fraction = 0.0
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def duration(seconds: float | None) -> str:
    """``1h 5m``, ``3m 20s``, ``45s``."""
    if seconds is None or math.isnan(seconds) or seconds < 0:
        return ""
    if seconds >= _MAX_HOURS * 3600:
        return "∞" if math.isinf(seconds) else f"> {_MAX_HOURS}h"
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"


def badge(level: Severity) -> str:
    """``  [WARNING]`` for a level that needs attention, nothing for ok."""
    return "" if level == Severity.OK else f"  [{level.value.upper()}]"


def sparkline(values: list[float]) -> str:
    """A one-line chart of ``values`` with block characters."""
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return _NO_SAMPLE * len(values)
    # halved so that the span of ±1e308 samples does not overflow to infinity
    low, high = min(finite) / 2, max(finite) / 2
    span = high - low or 1.0
    top = len(_SPARKS) - 1
    return "".join(
        _SPARKS[min(top, max(0, round((v / 2 - low) / span * top)))]
        if math.isfinite(v)
        else _NO_SAMPLE
        for v in values
    )


def render_stat(data: StatData) -> list[str]:
    width = max((len(s.label) for s in data.stats), default=0)
    out = []
    for stat in data.stats:
        value = number(stat.value)
        if stat.unit and value not in ("-", "—"):  # no unit on a missing value ("— %")
            value = f"{value} {stat.unit}"
        delta = f"  ({_signed(stat.delta)})" if stat.delta is not None else ""
        out.append(f"{stat.label.ljust(width)}  {value}{delta}{badge(stat.level)}")
    return out


def _signed(value: float) -> str:
    text = number(value)
    return text if text.startswith("-") or text == "—" else f"+{text}"


def render_gauge(data: GaugeData) -> list[str]:
    limits = []
    if data.warning is not None:
        limits.append(f"warning ≥ {number(data.warning)}")
    if data.critical is not None:
        limits.append(f"critical ≥ {number(data.critical)}")
    tail = f"  ({', '.join(limits)})" if limits else ""
    return [
        f"{data.label}  {number(data.value)}{data.unit}  {bar(data.fraction)}"
        f"  of {number(data.min)}-{number(data.max)}{data.unit}{tail}{badge(data.level)}"
    ]


def render_list(data: ListData) -> list[str]:
    if not data.rows:
        return [data.empty_text]
    out = []
    for row in data.rows:
        detail = f" — {row.detail}" if row.detail else ""
        status = f"  [{row.status}]" if row.status else ""
        out.append(f"• {row.title}{detail}{status}{badge(row.level)}")
    if data.total is not None and data.total > len(data.rows):
        out.append(f"(showing {len(data.rows)} of {data.total})")
    return out


def render_progress(data: ProgressData) -> list[str]:
    if not data.items:
        return [data.empty_text]
    width = max(len(i.label) for i in data.items)
    out = []
    for item in data.items:
        eta = f"  ETA {duration(item.eta_seconds)}" if item.eta_seconds is not None else ""
        detail = f"  {item.detail}" if item.detail else ""
        out.append(
            f"{item.label.ljust(width)}  {bar(item.percent / 100)} {item.percent:5.1f}%"
            f"{eta}{detail}{badge(item.level)}"
        )
    return out


def render_alert(data: AlertData) -> list[str]:
    if not data.alerts:
        return [data.ok_text]
    return [f"{a.severity.value.upper():8}  {a.message}" for a in data.alerts]


def render_chart(data: ChartData) -> list[str]:
    out = []
    unit = f" {data.unit}" if data.unit else ""
    for series in data.series:
        values = [p.v for p in series.points]
        if not values:
            out.append(f"{series.name}: no samples")
            continue
        finite = [v for v in values if math.isfinite(v)] or [math.nan]
        out.append(
            f"{series.name}: {number(values[-1])}{unit}  "
            f"(min {number(min(finite))}, max {number(max(finite))}, {len(values)} samples)  "
            f"{sparkline(values)}"
        )
    return out or ["No series"]


_RENDERERS: dict[type, Callable[[Any], list[str]]] = {
    StatData: render_stat,
    GaugeData: render_gauge,
    ListData: render_list,
    ProgressData: render_progress,
    AlertData: render_alert,
    ChartData: render_chart,
}


def render(data: Any) -> list[str]:
    """Lines for any renderer data model."""
    renderer = _RENDERERS.get(type(data))
    if renderer is None:
        return [repr(data)]
    return renderer(data)
