"""The refresh machinery at scale: 200 coordinators, 1-3 listeners each, for 10 s.

Goals (judged on the median of the runs):
  * CPU of the polling machinery < 500 us per refresh (coordinator + runtime + cache +
    listener fan-out; the fake integration does no I/O). At 200 keys every 2 s that is 100
    refreshes/s, so 500 us keeps a big board under 5 % of one core;
  * every key refreshes on schedule: >= 90 % of seconds / interval refreshes per key;
  * event-loop lag of a 10 ms ticker: p99 < 20 ms and max < 50 ms. The dashboard draws and
    reads keys on this loop; 20 ms is about one frame at 50 fps, 50 ms is where typing feels
    sticky;
  * when every listener has left: 0 upstream calls, 0 coordinator tasks left, idle CPU < 1 %
    of a core (a board that is not shown costs nothing);
  * switching boards back and forth 10 times within one TTL costs <= 1 upstream call per key
    (the cache answers the re-subscriptions; a cancelled poller does not cancel the shared
    in-flight load).

The integration is registered with ``registry.register``; its value changes on every fetch so
every refresh also notifies every listener (the worst case). Endpoint TTL 1 s < the 2 s
interval (``MIN_INTERVAL``), so each tick really loads.

Run: ``python bench/coordinator_scale.py [--runs 3] [--seconds 10] [--keys 200]``
"""

from __future__ import annotations

import argparse
import asyncio
import time

from _common import LagProbe, Metric, percentile, report

from integrations.base import Endpoint, Integration
from integrations.models import GaugeData, RendererKind
from integrations.registry import registry
from launcher_tui import coordinator as coordinator_module
from launcher_tui.coordinator import CoordinatorHub, Update
from launcher_tui.runtime import Runtime, Target


class BenchFast(Integration):
    """Answers at once with a new value every time (counts its calls)."""

    id = "bench_fast"
    name = "Bench fast"
    needs_url = False
    endpoints = (Endpoint("value", "Value", RendererKind.GAUGE, ttl=1.0, refresh=2.0),)

    def __init__(self) -> None:
        self.calls = 0

    async def test_connection(self, ctx):  # pragma: no cover - not used here
        return "ok"

    async def fetch_value(self, ctx, options):
        self.calls += 1
        return GaugeData(label="load", value=float(self.calls), max=1e12, warning=8e11)


async def baseline_cpu_per_s(seconds: float = 2.0) -> float:
    """CPU seconds per second the lag probe alone costs (subtracted from the run)."""
    cpu = time.process_time()
    await LagProbe().run(seconds)
    return (time.process_time() - cpu) / seconds


async def one_run(args: argparse.Namespace, integration: BenchFast, m: dict[str, Metric]) -> None:
    probe_cpu = await baseline_cpu_per_s()
    hub = CoordinatorHub(Runtime())
    delivered = 0

    def listener(_update: Update) -> None:
        nonlocal delivered
        delivered += 1

    calls_before = integration.calls
    cpu = time.process_time()
    start = time.perf_counter()
    targets = [
        Target(app_id=f"app{i}", app_name=f"App {i}", url="", integration_id=BenchFast.id)
        for i in range(args.keys)
    ]
    unsubscribes = [
        hub.subscribe(target, "value", listener, interval=coordinator_module.MIN_INTERVAL)
        for i, target in enumerate(targets)
        for _ in range(1 + i % 3)
    ]
    lags = await LagProbe().run(args.seconds)
    wall = time.perf_counter() - start
    used = time.process_time() - cpu - probe_cpu * wall
    refreshes = integration.calls - calls_before
    delivered_run = delivered

    for unsubscribe in unsubscribes:
        unsubscribe()
    await asyncio.sleep(0.1)  # let the cancelled pollers unwind
    after_stop = integration.calls
    idle_cpu = time.process_time()
    await asyncio.sleep(args.idle)
    idle_used = time.process_time() - idle_cpu
    leftover = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    calls_after_stop = integration.calls - after_stop

    # board switching: every key subscribed and dropped 10 times within one TTL; the cache must
    # answer all but the first (cancelled pollers must not cancel the shared in-flight loads)
    storm_before = integration.calls
    for _ in range(10):
        drops = [hub.subscribe(t, "value", listener, interval=2.0) for t in targets]
        await asyncio.sleep(0.03)
        for drop in drops:
            drop()
    await asyncio.sleep(0.1)
    storm = integration.calls - storm_before
    await hub.runtime.aclose()

    expected = args.keys * args.seconds / coordinator_module.MIN_INTERVAL
    m["cpu"].add(used / max(1, refreshes) * 1e6)
    m["core"].add(used / wall * 100)
    m["schedule"].add(refreshes / expected * 100)
    m["delivered"].add(delivered_run / max(1, refreshes))
    m["p50"].add(percentile(lags, 50))
    m["p99"].add(percentile(lags, 99))
    m["max"].add(max(lags))
    m["stopped"].add(calls_after_stop)
    m["tasks"].add(len(leftover))
    m["idle"].add(idle_used / args.idle * 100)
    m["storm"].add(storm / args.keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds watched after stop")
    args = parser.parse_args()
    m = {
        "cpu": Metric("CPU per refresh (machinery)", "us", "< 500", lambda v: v < 500),
        "core": Metric("  = share of one core", "%", "info"),
        "schedule": Metric("refreshes vs seconds/interval", "%", ">= 90", lambda v: v >= 90),
        "delivered": Metric("listener calls per refresh", "calls", "info (avg 2)"),
        "p50": Metric("loop lag p50 (10 ms ticker)", "ms", "info"),
        "p99": Metric("loop lag p99", "ms", "< 20", lambda v: v < 20),
        "max": Metric("loop lag max", "ms", "< 50", lambda v: v < 50),
        "stopped": Metric("upstream calls after all left", "calls", "== 0", lambda v: v == 0),
        "tasks": Metric("tasks left after all left", "tasks", "== 0", lambda v: v == 0),
        "idle": Metric("idle CPU after all left", "% core", "< 1", lambda v: v < 1),
        "storm": Metric("10 board switches in 1 TTL: calls/key", "calls", "<= 1", lambda v: v <= 1),
    }
    integration = registry.register(BenchFast(), replace=True)
    assert isinstance(integration, BenchFast)
    for _ in range(args.runs):
        asyncio.run(one_run(args, integration, m))
    listeners = sum(1 + i % 3 for i in range(args.keys))
    report(
        f"coordinator_scale: {args.keys} coordinators, {listeners} listeners, "
        f"interval {coordinator_module.MIN_INTERVAL:g} s, {args.seconds:g} s per run",
        list(m.values()),
    )


if __name__ == "__main__":
    main()
