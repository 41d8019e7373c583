"""One service that takes 5 s to answer next to 20 fast ones: nobody waits for the slow one.

Goals (judged on the median of the runs):
  * no starvation: while the slow call is in flight, every fast key keeps refreshing on its
    interval. The fewest refreshes any fast key made in the slow window is >= window / interval
    (rounded down), and the longest gap between two refreshes of a fast key <= interval + 0.3 s;
  * the slow key makes exactly 1 upstream call during its window (no pile-up of retries and no
    fetch cancelled by the next tick, the Textual ``set_interval`` trap);
  * the event loop stays responsive: 10 ms ticker lag p99 < 20 ms, max < 50 ms.

Setup: the coordinators of :mod:`launcher_tui.coordinator` (as the board uses them) over a
loopback HTTP server (a real socket, one thread per connection); the fast services answer in
``--fast-latency``, the slow one in ``--slow-latency``; everything polls at ``MIN_INTERVAL``.
Request times are taken on the server side, where "the service was asked" really happens.

Run: ``python bench/slow_service_isolation.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import asyncio
import math
import threading
import time
from collections import defaultdict

from _common import LagProbe, Metric, loopback_server, percentile, report

from integrations.base import Endpoint, Integration
from integrations.models import GaugeData, RendererKind
from integrations.registry import registry
from launcher_tui import coordinator as coordinator_module
from launcher_tui.coordinator import CoordinatorHub, Update
from launcher_tui.runtime import Runtime, Target
from tests.support.loopback import LoopbackServer, Request, Response

SLOW = "slow"


class BenchService(Integration):
    """``GET /<app>`` → ``{"value": n}`` as a gauge."""

    id = "bench_service"
    name = "Bench service"
    endpoints = (Endpoint("value", "Value", RendererKind.GAUGE, ttl=1.0, refresh=2.0),)

    async def test_connection(self, ctx):  # pragma: no cover - not used here
        return "ok"

    async def fetch_value(self, ctx, options):
        body = await ctx.http.get_json(f"/{ctx.app_id}")
        return GaugeData(label="v", value=float(body["value"]), max=1e9)


class Timeline:
    """Server-side start time of every request, per app (the server answers from threads)."""

    def __init__(self) -> None:
        self.starts: dict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()
        self.ends: dict[str, list[float]] = defaultdict(list)

    def handler(self, app: str, delay: float):
        count = 0

        def answer(_request: Request) -> Response:
            nonlocal count
            with self._lock:
                self.starts[app].append(time.monotonic())
                self.ends[app].append(time.monotonic() + delay)
                count += 1
            return Response(200, {"value": count}, delay=delay)

        return answer


def serve(server: LoopbackServer, fast: int, fast_latency: float, slow_latency: float) -> Timeline:
    timeline = Timeline()
    server.clear()
    for i in range(fast):
        server.route("GET", f"/fast{i}", timeline.handler(f"fast{i}", fast_latency))
    server.route("GET", f"/{SLOW}", timeline.handler(SLOW, slow_latency))
    return timeline


async def one_run(server: LoopbackServer, args: argparse.Namespace, m: dict[str, Metric]) -> None:
    timeline = serve(server, args.fast, args.fast_latency, args.slow_latency)
    hub = CoordinatorHub(Runtime())
    slow_updates: list[float] = []

    def slow_listener(_update: Update) -> None:
        slow_updates.append(time.monotonic())

    apps = [f"fast{i}" for i in range(args.fast)] + [SLOW]
    interval = coordinator_module.MIN_INTERVAL
    stops = []
    for app in apps:
        target = Target(app_id=app, app_name=app, url=server.url, integration_id=BenchService.id)
        listener = slow_listener if app == SLOW else (lambda _u: None)
        stops.append(hub.subscribe(target, "value", listener, interval=interval))
    probe = LagProbe()
    lags = await probe.run(args.slow_latency + 1.5)  # + start-up stall, see BENCHMARKS.md
    for stop in stops:
        stop()
    await hub.runtime.aclose()

    slow_start, slow_end = timeline.starts[SLOW][0], timeline.ends[SLOW][0]
    window = slow_end - slow_start
    in_window = [
        [t for t in timeline.starts[app] if slow_start <= t <= slow_end] for app in apps[:-1]
    ]
    gaps = [
        b - a
        for app in apps[:-1]
        for a, b in zip(timeline.starts[app], timeline.starts[app][1:], strict=False)
        if a <= slow_end
    ]
    m["min_refreshes"].add(min(len(ts) for ts in in_window))
    m["expected"].add(math.floor(window / interval))
    m["max_gap"].add(max(gaps))
    m["slow_calls"].add(sum(1 for t in timeline.starts[SLOW] if slow_start <= t < slow_end))
    m["slow_update"].add(slow_updates[0] - slow_start if slow_updates else float("inf"))
    m["p99"].add(percentile(lags, 99))
    m["max"].add(max(lags))
    m["max_later"].add(max(probe.after(1.0)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fast", type=int, default=20)
    parser.add_argument("--fast-latency", type=float, default=0.02)
    parser.add_argument("--slow-latency", type=float, default=5.0)
    args = parser.parse_args()
    interval = coordinator_module.MIN_INTERVAL
    floor_goal = math.floor(args.slow_latency / interval)
    m = {
        "min_refreshes": Metric(
            "fewest refreshes of a fast key in slow window",
            "refreshes",
            f">= {floor_goal}",
            lambda v: v >= floor_goal,
        ),
        "expected": Metric("  window / interval, rounded down", "refreshes", "info"),
        "max_gap": Metric(
            "longest gap between fast refreshes",
            "s",
            f"<= {interval + 0.3:g}",
            lambda v: v <= interval + 0.3,
        ),
        "slow_calls": Metric(
            "slow key upstream calls in its window", "calls", "== 1", lambda v: v == 1
        ),
        "slow_update": Metric("slow key's listener updated after", "s", "info"),
        "p99": Metric("loop lag p99 (10 ms ticker)", "ms", "< 20", lambda v: v < 20),
        "max": Metric("loop lag max", "ms", "< 50", lambda v: v < 50),
        "max_later": Metric("  max after the first second", "ms", "info"),
    }
    registry.register(BenchService(), replace=True)
    with loopback_server() as server:
        for _ in range(args.runs):
            asyncio.run(one_run(server, args, m))
    report(
        f"slow_service_isolation: 1 service at {args.slow_latency:g} s + {args.fast} at "
        f"{args.fast_latency * 1000:g} ms, polled every {interval:g} s",
        list(m.values()),
    )


if __name__ == "__main__":
    main()
