"""Hypothesis strategies for hostile service data: any model the data models accept.

Text mixes terminal controls (ESC sequences, C1, NUL, DEL), bidi overrides, Rich/Textual
markup and very long/wide runs; numbers include huge integers, NaN, ±inf and ±1e308. Every
renderer (cards and CLI) must draw all of it, and show none of it as control or markup.
"""

from __future__ import annotations

import math

from hypothesis import strategies as st

from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    GaugeData,
    ListData,
    ListRow,
    Point,
    ProgressData,
    ProgressItem,
    Series,
    Severity,
    Stat,
    StatData,
)

EVIL_FRAGMENTS = (
    "\x1b[2J",
    "\x1b]52;c;cHduZWQ=\x1b\\",
    "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]0;owned\x07",
    "\u009b31m",
    "\x00",
    "\x7f",
    "\r",
    "\n",
    "\u202e",
    "\u2066",
    "[@click=app.quit]CLICK[/]",
    "[link='https://evil.example']L[/link]",
    "[bold red]styled[/]",
    "[/]",
    "[",
    "$text-error",
    "日本語",
    "🙂",
    "W" * 300,
)
"""Pieces a compromised service would send; drawn text mixes them with arbitrary text."""

UNSAFE_CHARS = frozenset(
    [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
"""What must never reach a terminal from data (``\\n`` is checked separately: lines split)."""


def _pool() -> list[str]:
    """Every fragment alone, in pairs, and wrapped in ordinary text (cheap to draw from)."""
    pool = list(EVIL_FRAGMENTS)
    pool += [a + b for a in EVIL_FRAGMENTS[:12] for b in EVIL_FRAGMENTS[:12]]
    pool += [f"Movie {f} (2024).mkv" for f in EVIL_FRAGMENTS]
    return pool


hostile_text = st.one_of(st.sampled_from(_pool()), st.text(max_size=12))
"""One draw: a hostile string from the pool, or arbitrary text (any code point)."""

SPECIAL_NUMBERS = (
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    1e15,
    -1e15,
    0.0,
    -0.0,
    5e-324,
    10**400,
    -(10**400),
    2**63,
    10**16 + 1,
    -1,
    0,
    999_999_999_999_999,
)
hostile_float = st.one_of(
    st.sampled_from([n for n in SPECIAL_NUMBERS if isinstance(n, float)]),
    st.floats(allow_nan=True, allow_infinity=True),
)
hostile_int = st.one_of(
    st.sampled_from([n for n in SPECIAL_NUMBERS if isinstance(n, int)]),
    st.integers(min_value=-(10**30), max_value=10**30),
)
hostile_number = st.one_of(hostile_float, hostile_int)
severity = st.sampled_from(list(Severity))
alert_severity = st.sampled_from([Severity.INFO, Severity.WARNING, Severity.CRITICAL])

stats = st.builds(
    Stat,
    label=hostile_text,
    value=st.one_of(st.none(), hostile_number, hostile_text, st.booleans()),
    unit=st.one_of(st.sampled_from(["", "%", "B", "B/s", "ms", "°C"]), hostile_text),
    delta=st.one_of(st.none(), hostile_float),
    level=severity,
)
stat_data = st.builds(StatData, stats=st.lists(stats, max_size=4))
gauge_data = st.builds(
    GaugeData,
    label=hostile_text,
    value=hostile_float,
    min=hostile_float,
    max=hostile_float,
    unit=st.one_of(st.sampled_from(["%", "", "B"]), hostile_text),
    warning=st.one_of(st.none(), hostile_float),
    critical=st.one_of(st.none(), hostile_float),
    low_is_bad=st.booleans(),
)
list_data = st.builds(
    ListData,
    rows=st.lists(
        st.builds(
            ListRow,
            title=hostile_text,
            detail=hostile_text,
            status=hostile_text,
            level=severity,
            url=st.one_of(st.none(), hostile_text),
        ),
        max_size=4,
    ),
    total=st.one_of(st.none(), hostile_int),
    empty_text=hostile_text,
)
progress_data = st.builds(
    ProgressData,
    items=st.lists(
        st.builds(
            ProgressItem,
            label=hostile_text,
            percent=st.floats(min_value=0, max_value=100),
            eta_seconds=st.one_of(st.none(), hostile_float),
            detail=hostile_text,
            level=severity,
        ),
        max_size=5,
    ),
    empty_text=hostile_text,
)
alerts = st.builds(
    Alert, severity=alert_severity, message=hostile_text, key=hostile_text, source=hostile_text
)
alert_data = st.builds(AlertData, alerts=st.lists(alerts, max_size=4), ok_text=hostile_text)
chart_data = st.builds(
    ChartData,
    series=st.lists(
        st.builds(
            Series,
            name=hostile_text,
            points=st.lists(st.builds(Point, t=hostile_float, v=hostile_float), max_size=6),
        ),
        max_size=3,
    ),
    unit=hostile_text,
    style=st.sampled_from(["line", "bar"]),
    y_min=st.one_of(st.none(), hostile_float),
    y_max=st.one_of(st.none(), hostile_float),
)
any_data = st.one_of(stat_data, gauge_data, list_data, progress_data, alert_data, chart_data)
widths = st.integers(min_value=1, max_value=140)
heights = st.integers(min_value=1, max_value=40)
