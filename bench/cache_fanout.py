"""The shared TTL cache under a board's load: K keys x W widgets each, over a real socket.

Goals (judged on the median of the runs):
  * upstream calls per key per TTL window: exactly 1, however many widgets ask at once or
    join while the call is in flight (the point of the shared cache: ten widgets of one Sonarr
    must not hit Sonarr ten times);
  * wall time of a full board refresh <= 1.3 x the slowest service's latency (+ 20 ms): the keys
    load concurrently, so a board costs one round trip, not the sum of them;
  * a cache hit through ``Runtime.fetch`` < 50 us: a board re-reading fresh values on every
    redraw must cost nothing next to a 16 ms frame.

Setup: a loopback HTTP server (tests/support/loopback.py, a real socket, one thread per
connection) answers ``/<app>/<endpoint>`` after a simulated service latency spread evenly from
``--min-latency`` to ``--max-latency``; a small HTTP integration registered with
``registry.register`` fetches it through ``ctx.http`` (httpx), and every widget calls
``Runtime.fetch`` as the dashboard does.

Run: ``python bench/cache_fanout.py [--runs 5] [--apps 10] [--widgets 6]``
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import Counter

from _common import Metric, loopback_server, report

from integrations.base import Endpoint, Integration
from integrations.client import HttpClient
from integrations.models import ListData, ListRow, RendererKind, Stat, StatData
from integrations.registry import registry
from launcher_tui.runtime import Runtime, Target
from tests.support.loopback import LoopbackServer, Response

TTL = 2.0
ENDPOINTS = ("stats", "queue")  # the board's keys: every app x these endpoints


class BenchHttp(Integration):
    """Fetches ``/<app>/<endpoint>`` as JSON through the app's shared HTTP client."""

    id = "bench_http"
    name = "Bench HTTP"
    endpoints = (
        Endpoint("stats", "Stats", RendererKind.STAT, ttl=TTL, refresh=TTL),
        Endpoint("queue", "Queue", RendererKind.LIST, ttl=TTL, refresh=TTL),
        Endpoint("info", "Info", RendererKind.STAT, ttl=3600, refresh=3600),  # hit timing only
    )

    async def test_connection(self, ctx):  # pragma: no cover - not used here
        return "ok"

    async def fetch_stats(self, ctx, options):
        body = await ctx.http.get_json(f"/{ctx.app_id}/stats")
        return StatData(stats=[Stat(label=k, value=v) for k, v in body.items()])

    async def fetch_queue(self, ctx, options):
        body = await ctx.http.get_json(f"/{ctx.app_id}/queue")
        return ListData(rows=[ListRow(title=r["title"], detail=r["detail"]) for r in body])

    async def fetch_info(self, ctx, options):
        body = await ctx.http.get_json(f"/{ctx.app_id}/stats")
        return StatData(stats=[Stat(label=k, value=v) for k, v in body.items()])


def serve(server: LoopbackServer, apps: int, lo: float, hi: float) -> dict[str, float]:
    """Routes for every app; returns the simulated latency of each app."""
    latencies = {}
    for i in range(apps):
        app = f"app{i}"
        latency = lo + (hi - lo) * i / max(1, apps - 1)
        latencies[app] = latency
        stats = {"wanted": i, "queued": 2 * i, "series": 100 + i}
        queue = [{"title": f"Item {n}", "detail": f"{n * 7 % 100}%"} for n in range(10)]
        server.route("GET", f"/{app}/stats", Response(200, stats, delay=latency))
        server.route("GET", f"/{app}/queue", Response(200, queue, delay=latency))
    return latencies


async def board_refresh(
    runtime: Runtime, targets: list[Target], widgets: int, late_ms: float = 0.0
) -> float:
    """Every widget of every key asks at once (or half of them ``late_ms`` later); wall ms."""

    async def widget(target: Target, endpoint: str, late: bool) -> None:
        if late:
            await asyncio.sleep(late_ms / 1000)
        await runtime.fetch(target, endpoint)

    start = time.perf_counter()
    await asyncio.gather(
        *(
            widget(t, e, late=bool(late_ms) and w % 2 == 1)
            for t in targets
            for e in ENDPOINTS
            for w in range(widgets)
        )
    )
    return (time.perf_counter() - start) * 1000


def per_key_requests(server: LoopbackServer) -> Counter[str]:
    with server._lock:
        return Counter(r.path for r in server.requests)


async def one_run(server: LoopbackServer, args: argparse.Namespace, metrics: dict[str, Metric]):
    server.requests.clear()
    runtime = Runtime()
    targets = [
        Target(app_id=f"app{i}", app_name=f"App {i}", url=server.url, integration_id=BenchHttp.id)
        for i in range(args.apps)
    ]
    slowest_ms = args.max_latency * 1000
    try:
        # 1. cold board: new connections, every widget at once
        cold = await board_refresh(runtime, targets, args.widgets)
        # 2. again within the TTL: all hits, no upstream call
        await board_refresh(runtime, targets, args.widgets)
        window_1 = per_key_requests(server)
        # 3. after the TTL: a refresh on warm connections, half the widgets joining 30 ms into
        #    the in-flight call
        await asyncio.sleep(TTL + 0.05)
        warm = await board_refresh(runtime, targets, args.widgets, late_ms=30)
        window_2 = per_key_requests(server) - window_1
        # 4. cache-hit overhead: sequential hits on a long-TTL key
        target = targets[0]
        await runtime.fetch(target, "info")
        calls_before = runtime.cache.upstream_calls["app0:info"]
        start = time.perf_counter()
        for _ in range(args.hits):
            await runtime.fetch(target, "info")
        hit_us = (time.perf_counter() - start) / args.hits * 1e6
        assert runtime.cache.upstream_calls["app0:info"] == calls_before, "hits went upstream"

        async def loader():  # pragma: no cover - never called on a hit
            raise AssertionError

        start = time.perf_counter()
        for _ in range(args.hits):
            await runtime.cache.get("app0:info", 3600, loader)
        raw_hit_us = (time.perf_counter() - start) / args.hits * 1e6
    finally:
        await runtime.aclose()

    keys = [f"/{t.app_id}/{e}" for t in targets for e in ENDPOINTS]
    per_window = [window_1[k] for k in keys] + [window_2[k] for k in keys]
    metrics["max_calls"].add(max(per_window))
    metrics["min_calls"].add(min(per_window))
    metrics["cold"].add(cold)
    metrics["warm"].add(warm)  # late joiners land inside the in-flight call: no extra time
    metrics["warm_ratio"].add(warm / slowest_ms)
    metrics["cold_ratio"].add(cold / slowest_ms)
    metrics["client"].add(client_creation_ms())
    metrics["hit"].add(hit_us)
    metrics["raw_hit"].add(raw_hit_us)


def client_creation_ms(count: int = 10) -> float:
    """Median cost of one app's HttpClient (built on the event loop when an app first loads)."""
    times = []
    for _ in range(count):
        start = time.perf_counter()
        HttpClient("http://127.0.0.1:1")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--apps", type=int, default=10)
    parser.add_argument("--widgets", type=int, default=6, help="widgets per key")
    parser.add_argument("--min-latency", type=float, default=0.05)
    parser.add_argument("--max-latency", type=float, default=0.20)
    parser.add_argument("--hits", type=int, default=20000)
    args = parser.parse_args()

    keys = args.apps * len(ENDPOINTS)
    slow = args.max_latency * 1000
    serial_ms = sum(
        (args.min_latency + (args.max_latency - args.min_latency) * i / max(1, args.apps - 1))
        * 1000
        * len(ENDPOINTS)
        for i in range(args.apps)
    )
    metrics = {
        "max_calls": Metric("upstream calls/key/TTL (max)", "calls", "== 1", lambda v: v == 1),
        "min_calls": Metric("upstream calls/key/TTL (min)", "calls", "== 1", lambda v: v == 1),
        "cold": Metric("board refresh, cold connections", "ms", "info"),
        "cold_ratio": Metric(
            "  / slowest latency", "x", "<= 1.3 + 20 ms", lambda v: v <= 1.3 + 20 / slow
        ),
        "warm": Metric("board refresh, warm (late joiners)", "ms", "info"),
        "warm_ratio": Metric(
            "  / slowest latency", "x", "<= 1.3 + 20 ms", lambda v: v <= 1.3 + 20 / slow
        ),
        "client": Metric("HttpClient creation (per app)", "ms", "< 2", lambda v: v < 2),
        "hit": Metric("cache hit via Runtime.fetch", "us/call", "< 50", lambda v: v < 50),
        "raw_hit": Metric("cache hit via TTLCache.get", "us/call", "info"),
    }
    registry.register(BenchHttp(), replace=True)
    with loopback_server() as server:
        serve(server, args.apps, args.min_latency, args.max_latency)
        for _ in range(args.runs):
            asyncio.run(one_run(server, args, metrics))
    report(
        f"cache_fanout: {keys} keys x {args.widgets} widgets = {keys * args.widgets} concurrent "
        f"callers; latency {args.min_latency * 1000:.0f}-{slow:.0f} ms (serial sum would be "
        f"{serial_ms:.0f} ms); TTL {TTL:g} s",
        list(metrics.values()),
    )


if __name__ == "__main__":
    main()
