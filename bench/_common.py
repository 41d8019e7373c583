"""Shared bits of the benchmark scripts: repeat statistics, goal verdicts and a plain table.

Every script states its goals at the top, runs its measurement several times, and prints one row
per metric with the median, the spread (min-max) over the runs and PASS/MISS against the goal.
The verdict uses the median: this machine has 2 cores shared with other people's work, so a
single outlier run says more about the neighbours than about the code.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.support.loopback import LoopbackServer

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/x.py` from anywhere imports the repo's packages
    sys.path.insert(0, str(ROOT))


def user_environ(**overrides: str) -> dict[str, str]:
    """This process's environment as a user's shell would have it, plus ``overrides``.

    Drops ``PYTHONDONTWRITEBYTECODE``: some sandboxes and CI images set it, and then every measured
    run compiles the repo's ~300 modules from source again (+50-60 ms of CPU per headless command).
    An installed launcher-tui has its bytecode: pip compiles it at install, and an editable
    install writes ``__pycache__`` on first import.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(overrides)
    return env


@dataclass
class Metric:
    """One measured quantity: its samples (one per run) and the goal it is judged against."""

    name: str
    unit: str
    goal: str
    check: Callable[[float], bool] | None = None
    samples: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.samples.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    def verdict(self) -> str:
        if self.check is None or not self.samples:
            return "info"
        return "PASS" if self.check(self.median) else "MISS"


def fmt(value: float) -> str:
    """Numbers at a readable precision (3 significant digits, no scientific notation)."""
    if value != value:  # NaN
        return "-"
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def print_table(title: str, metrics: Sequence[Metric]) -> bool:
    """Print the metrics as a table; returns whether every judged metric passed."""
    rows = [("metric", "unit", "median", "spread (min-max)", "runs", "goal", "verdict")]
    for m in metrics:
        spread = f"{fmt(min(m.samples))}-{fmt(max(m.samples))}" if m.samples else "-"
        rows.append(
            (m.name, m.unit, fmt(m.median), spread, str(len(m.samples)), m.goal, m.verdict())
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print(f"\n{title}")
    for index, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("  " + "  ".join("-" * w for w in widths))
    judged = [m for m in metrics if m.check is not None]
    ok = all(m.verdict() == "PASS" for m in judged)
    print(
        f"\n  overall: {'PASS' if ok else 'MISS'} ({sum(m.verdict() == 'PASS' for m in judged)}"
        f"/{len(judged)} goals met)"
    )
    return ok


def report(summary: str, metrics: Sequence[Metric], notes: Sequence[str] = ()) -> bool:
    """What was run, on what machine, any notes, then the table; returns whether all passed."""
    print(summary)
    print(f"machine: {machine_line()}")
    for note in notes:
        print(f"  note: {note}")
    return print_table("results", metrics)


def machine_line() -> str:
    """What the numbers were measured on (the table is meaningless without it)."""
    try:
        import textual

        textual_version = textual.__version__
    except ImportError:  # pragma: no cover - textual is a dependency
        textual_version = "absent"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')}  {platform.machine()} cpus={os.cpu_count()} "
        f"load=[{load}]  Python {platform.python_version()}  textual {textual_version}"
    )


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a p99 is a value that really happened)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def loopback_server() -> LoopbackServer:
    """The tests' loopback HTTP server, with a listen backlog that fits a whole board.

    socketserver's default backlog is 5: with 20 connections opened at once the kernel drops
    SYNs and the client retries after 1 s, which measures the test server, not launcher-tui.
    """
    from http.server import ThreadingHTTPServer

    from tests.support.loopback import LoopbackServer

    ThreadingHTTPServer.request_queue_size = 128
    return LoopbackServer()


class LagProbe:
    """How late the event loop runs a 10 ms ticker: a direct measure of UI responsiveness.

    A Textual app draws, reads keys and runs timers on this same loop, so every millisecond a
    tick is late is a millisecond a keypress or a frame would have waited.
    """

    def __init__(self, period: float = 0.010) -> None:
        self.period = period
        self.lags_ms: list[float] = []
        self.offsets: list[float] = []  # seconds since the probe started, per tick

    async def run(self, seconds: float) -> list[float]:
        import asyncio

        loop = asyncio.get_running_loop()
        began = loop.time()
        deadline = began + seconds
        while True:
            expected = loop.time() + self.period
            await asyncio.sleep(self.period)
            now = loop.time()
            self.lags_ms.append(max(0.0, (now - expected) * 1000))
            self.offsets.append(now - began)
            if now >= deadline:
                return self.lags_ms

    def after(self, seconds: float) -> list[float]:
        """Lags of the ticks later than ``seconds`` into the probe (past a start-up burst)."""
        return [lag for lag, t in zip(self.lags_ms, self.offsets, strict=True) if t > seconds]
