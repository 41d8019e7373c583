"""Memory of the CLI path, the TUI path, a full cache and chart history at its bound.

launcher-tui is meant to stay open all day in an SSH session or a tmux window on the machine it
watches: a Raspberry Pi or a 1 GB VPS that also runs the services. It should cost about as much
as the other tools that sit in such a window, not a browser tab. Goals (median of the runs;
RSS is the process's resident set, "Python heap" is what tracemalloc counts):

  * CLI path (``launcher_tui.cli.main`` + the parser) RSS < 40 MB, and Textual not imported:
    headless commands run from cron and scripts, often;
  * TUI path (Textual + the board screen and widgets, + ``launcher_tui.app`` once it exists)
    RSS < 80 MB before any data;
  * a runtime with 100 apps x 5 endpoints cached (500 entries of realistic size: stat, gauge,
    a 20-row list, 5 progress bars, a 2-series chart of 60 points) < 20 MB of Python heap, and
    < 1 MB growth after 10 more refresh cycles of every key (no leak per refresh);
  * one HTTP client per app (what HTTP integrations hold while the dashboard runs): < 30 MB
    for 100 apps;
  * chart history at its bound (20 charts x 3 series x ``DEFAULT_MAX_POINTS``) < 5 MB.

Each scenario runs in a fresh interpreter (``python -c``), so imports of one do not hide the
cost of another. RSS is read from /proc/self/status (Linux).

Run: ``python bench/memory.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

from _common import ROOT, Metric, report

PRELUDE = textwrap.dedent(
    """
    import gc, json, re, sys, tracemalloc
    sys.path.insert(0, {root!r})

    def rss_mb():
        status = open("/proc/self/status").read()
        return int(re.search(r"VmRSS:\\s+(\\d+)", status).group(1)) / 1024

    def heap_mb():
        gc.collect()
        return tracemalloc.get_traced_memory()[0] / 2**20
    """
)

SCENARIOS: dict[str, str] = {
    "bare": "out = {'rss': rss_mb()}",
    "cli": """
        import launcher_tui.cli.main as main
        main.build_parser()
        heavy = ["textual", "httpx", "pydantic", "peewee", "cryptography", "psutil"]
        out = {'rss': rss_mb(), 'loaded': [m for m in heavy if m in sys.modules]}
    """,
    "tui": """
        import importlib.util
        import textual.app
        import launcher_tui.screens.board, widgets.chart, widgets.integration_widget
        has_app = importlib.util.find_spec("launcher_tui.app") is not None
        if has_app:
            import launcher_tui.app
        out = {'rss': rss_mb(), 'app': has_app}
    """,
    "cache": """
        import asyncio
        from integrations.base import Endpoint, Integration
        from integrations.models import (
            ChartData, GaugeData, ListData, ListRow, Point, ProgressData, ProgressItem,
            RendererKind, Series, Stat, StatData,
        )
        from integrations.registry import registry
        from launcher_tui.runtime import Runtime, Target

        WITH_HTTP = {with_http}

        class Fat(Integration):
            id = "bench_mem"
            name = "Bench memory"
            needs_url = False
            endpoints = (
                Endpoint("stats", "S", RendererKind.STAT, ttl=0),
                Endpoint("gauge", "G", RendererKind.GAUGE, ttl=0),
                Endpoint("list", "L", RendererKind.LIST, ttl=0),
                Endpoint("progress", "P", RendererKind.PROGRESS, ttl=0),
                Endpoint("chart", "C", RendererKind.CHART, ttl=0),
            )
            n = 0

            async def test_connection(self, ctx):
                return "ok"

            def tick(self, ctx):
                if WITH_HTTP:
                    ctx.http  # what every HTTP integration holds per app
                self.n += 1
                return self.n

            async def fetch_stats(self, ctx, o):
                n = self.tick(ctx)
                return StatData(stats=[Stat(label=f"stat {{i}}", value=n + i) for i in range(3)])

            async def fetch_gauge(self, ctx, o):
                return GaugeData(label="cpu", value=self.tick(ctx) % 100, warning=80)

            async def fetch_list(self, ctx, o):
                n = self.tick(ctx)
                return ListData(rows=[
                    ListRow(title=f"Some.Show.S01E{{i:02d}}.1080p-{{n}}", detail="1.2 GB of 2.4 GB",
                            status="downloading") for i in range(20)])

            async def fetch_progress(self, ctx, o):
                n = self.tick(ctx)
                return ProgressData(items=[ProgressItem(label=f"torrent {{i}}-{{n}}",
                                   percent=(n + i) % 100, eta_seconds=60.0) for i in range(5)])

            async def fetch_chart(self, ctx, o):
                n = self.tick(ctx)
                return ChartData(series=[Series(name=s, points=[Point(t=n * 100 + i, v=i * 1.5)
                                 for i in range(60)]) for s in ("rx", "tx")])

        registry.register(Fat())
        targets = [Target(app_id=f"app{{i}}", app_name=f"App {{i}}", url="http://127.0.0.1:9",
                          integration_id="bench_mem") for i in range(100)]
        endpoints = [e.id for e in Fat.endpoints]

        async def cycle(rt):
            await asyncio.gather(*(rt.fetch(t, e, force=True) for t in targets for e in endpoints))

        async def go():
            rt = Runtime()
            await cycle(rt)  # warm imports and lazily built pydantic internals
            rt.cache.invalidate()
            await rt.aclose()
            rt = Runtime()
            tracemalloc.start()
            before = heap_mb(); rss_before = rss_mb()
            await cycle(rt)
            filled = heap_mb(); rss_filled = rss_mb()
            for _ in range(10):
                await cycle(rt)
            churned = heap_mb()
            assert len(rt.cache._entries) == 500
            await rt.aclose()
            return {{'heap': filled - before, 'rss': rss_filled - rss_before,
                     'growth': churned - filled}}

        out = asyncio.run(go())
    """,
    "chart": """
        import time
        from integrations.models import ChartData, Point, Series
        from widgets.chart import DEFAULT_MAX_POINTS, ChartHistory
        tracemalloc.start()
        before = heap_mb()
        charts = [ChartHistory() for _ in range(20)]
        now = time.time()
        for step in range(DEFAULT_MAX_POINTS + 30):  # one sample per refresh, past the bound
            data = ChartData(series=[Series(name=s, points=[Point(t=now + step, v=step * 0.5)])
                                     for s in ("cpu", "mem", "swap")])
            for chart in charts:
                chart.merge(data)
        assert all(len(p) == DEFAULT_MAX_POINTS for c in charts for p in c.series.values())
        out = {{'heap': heap_mb() - before, 'points': DEFAULT_MAX_POINTS}}
    """,
}


def run_scenario(name: str, **fmt: object) -> dict:
    code = PRELUDE.format(root=str(ROOT)) + textwrap.dedent(
        SCENARIOS[name].format(**fmt) if fmt or "{{" in SCENARIOS[name] else SCENARIOS[name]
    )
    code += "\nprint(json.dumps(out))\n"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"scenario {name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    m = {
        "bare": Metric("bare interpreter", "MB RSS", "info"),
        "cli": Metric("CLI path (cli.main + parser)", "MB RSS", "< 40", lambda v: v < 40),
        "tui": Metric("TUI path (textual + board + widgets)", "MB RSS", "< 80", lambda v: v < 80),
        "cache_heap": Metric("500 cached entries", "MB heap", "< 20", lambda v: v < 20),
        "cache_rss": Metric("  same, RSS growth", "MB RSS", "info"),
        "cache_growth": Metric(
            "  growth after 10 refresh cycles", "MB heap", "< 1", lambda v: v < 1
        ),
        "http_heap": Metric(
            "100 apps with an HttpClient each", "MB heap", "< 30", lambda v: v < 30
        ),
        "http_rss": Metric("  same, RSS growth", "MB RSS", "info"),
        "chart": Metric("chart history at bound (20x3 series)", "MB heap", "< 5", lambda v: v < 5),
    }
    notes: set[str] = set()
    for _ in range(args.runs):
        m["bare"].add(run_scenario("bare")["rss"])
        cli = run_scenario("cli")
        m["cli"].add(cli["rss"])
        notes.add(f"CLI path imports: {', '.join(cli['loaded']) or 'none of the heavy ones'}")
        tui = run_scenario("tui")
        m["tui"].add(tui["rss"])
        notes.add(
            "TUI path includes launcher_tui.app"
            if tui["app"]
            else "launcher_tui.app does not exist yet: TUI path = textual + screens + widgets"
        )
        cache = run_scenario("cache", with_http=False)
        m["cache_heap"].add(cache["heap"])
        m["cache_rss"].add(cache["rss"])
        m["cache_growth"].add(cache["growth"])
        http = run_scenario("cache", with_http=True)
        m["http_heap"].add(http["heap"] - cache["heap"])
        m["http_rss"].add(http["rss"] - cache["rss"])
        m["chart"].add(run_scenario("chart")["heap"])
    report("memory: each scenario in a fresh interpreter", list(m.values()), sorted(notes))


if __name__ == "__main__":
    main()
