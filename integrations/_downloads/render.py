"""Renderer data for download clients, built from a :class:`~.transfers.Snapshot`.

Numbers stay typed (rates in B/s with unit ``"B/s"``; the stat card and chart humanize them);
only the free-text detail lines of list rows and progress bars are formatted here, because a
``ListRow.detail`` is text by contract.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations._downloads.transfers import Snapshot, Transfer, TransferState
from integrations.format import format_rate
from integrations.models import (
    Alert,
    ChartData,
    ListData,
    ListRow,
    ProgressData,
    ProgressItem,
    Series,
    Severity,
    Stat,
    StatData,
    now_point,
)

#: Rows a list endpoint returns at most (``total`` tells the widget how many there were).
MAX_ROWS = 50
RATE_UNIT = "B/s"


def speeds_stat(snapshot: Snapshot) -> StatData:
    """Download/upload rate and leech/seed counts, Homepage's four torrent fields."""
    return StatData(
        stats=[
            Stat(label="Download", value=snapshot.download_rate, unit=RATE_UNIT),
            Stat(label="Upload", value=snapshot.upload_rate, unit=RATE_UNIT),
            Stat(label="Leeching", value=snapshot.leeching),
            Stat(label="Seeding", value=snapshot.seeding),
        ]
    )


def speed_chart(download_rate: float, upload_rate: float | None = None) -> ChartData:
    """One sample per series; the chart widget keeps the history between refreshes."""
    series = [Series(name="Download", points=[now_point(download_rate)])]
    if upload_rate is not None:
        series.append(Series(name="Upload", points=[now_point(upload_rate)]))
    return ChartData(series=series, unit=RATE_UNIT, y_min=0.0)


def transfer_list(transfers: Iterable[Transfer], *, empty_text: str = "No torrents") -> ListData:
    """Every transfer as a row, problems first, then the busiest; capped at :data:`MAX_ROWS`."""
    ordered = sorted(transfers, key=_list_order)
    rows = [
        ListRow(title=t.name, detail=_detail(t, with_percent=True), status=t.status, level=t.level)
        for t in ordered[:MAX_ROWS]
    ]
    total = len(ordered) if len(ordered) > MAX_ROWS else None
    return ListData(rows=rows, total=total, empty_text=empty_text)


def transfer_progress(
    transfers: Iterable[Transfer], *, empty_text: str = "Nothing downloading"
) -> ProgressData:
    """Bars for the transfers that are not complete yet, in the client's order."""
    items = [
        ProgressItem(
            label=t.name,
            percent=t.percent,
            eta_seconds=t.eta_seconds if t.state is not TransferState.PAUSED else None,
            detail=_detail(t, with_percent=False),
            level=t.level,
        )
        for t in transfers
        if not t.complete
    ]
    return ProgressData(items=items[:MAX_ROWS], empty_text=empty_text)


def transfer_alerts(transfers: Iterable[Transfer], *, prefix: str = "torrent") -> list[Alert]:
    """A warning per transfer in trouble, keyed ``<prefix>:<hash or id>`` so it clears itself."""
    alerts = []
    for t in transfers:
        if t.problem_level.rank < Severity.WARNING.rank:
            continue
        severity = Severity.CRITICAL if t.problem_level is Severity.CRITICAL else Severity.WARNING
        text = t.problem or t.status
        alerts.append(
            Alert(severity=severity, message=f"{t.name}: {text}", key=f"{prefix}:{t.key}")
        )
    return alerts


def _detail(t: Transfer, *, with_percent: bool) -> str:
    parts = [f"{t.percent:.1f}%"] if with_percent else []
    if t.download_rate > 0:
        parts.append(f"↓ {format_rate(t.download_rate)}")
    if t.upload_rate > 0:
        parts.append(f"↑ {format_rate(t.upload_rate)}")
    if not with_percent:
        parts.insert(0, t.status)
    if t.problem:
        parts.append(t.problem)
    return " · ".join(parts)


def _list_order(t: Transfer) -> tuple[bool, float, str]:
    """Problems first, then the busiest, then by name (paused/stalled are not problems)."""
    in_trouble = t.level.rank >= Severity.WARNING.rank
    return (not in_trouble, -(t.download_rate + t.upload_rate), t.name.lower())
