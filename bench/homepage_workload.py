"""Homepage's own workload on launcher-tui: 20 service widgets against a 200 ms fake upstream.

Issue #11 measured Homepage v1.12.3 (server + Chromium) side by side with launcher-tui on this
workload; this script reproduces the launcher-tui half so every change can be checked against
the goals P1-P8 (medians of ``--runs``; Homepage's figures are printed beside ours):

  P1  start → first frame ≤ 0.5 s; start → every widget populated ≤ 0.8 s
  P2  upstream calls per key per TTL, two widgets sharing a key: exactly 1
  P3  resident memory with 20 widgets ≤ 60 MB
  P4  CPU per minute at steady state ≤ 0.5 s (live data); ≤ 0.1 s when no data changes
  P5  headless ``integrations --json`` / ``test-connection`` over a bare ``python -c pass``
      ≤ 150 ms (CPU time, which a busy neighbour changes less than wall time)
  P6  bytes to the terminal per minute at steady state ≤ 5 KB when no data changes;
      ≤ 1 KB per changed stat card
  P7  200 / 1000 widgets over several boards (20 shown): first frame ≤ 1 s, populated ≤ 2 s,
      CPU ≤ 3 s per minute, RSS ≤ 150 MB at 1000
  P8  quit ≤ 200 ms; open a form ≤ 150 ms

The workload (as in the issue): 4 generic JSON APIs and a Pi-hole-shaped ``summaryRaw`` read
through the Custom API integration (the Pi-hole stat is on the board twice: two widgets, one
key), Sonarr and Radarr (counts, queue, health), and 7 HTTP checks, every widget with
``--refresh 10``. Apps, board and widgets are created with the real CLI in a temporary store
(``--scale`` boards are added with the service layer directly: 1000 CLI calls would take
longer than the benchmark). The real ``launcher-tui`` runs in a pseudo-terminal of 120x40 that
this script reads: a small screen model (``bench/_screen.py``) says when the first frame is up
(the board's tab and every card's border) and when every card says "updated"; every byte the
app writes is counted. CPU and RSS come from ``/proc`` through psutil.

``--tree PATH`` measures another checkout (e.g. an export of an older commit) with the same
script; ``--quick`` is the CI smoke test (one short run, no scale test, no verdict that matters).

Run: ``python bench/homepage_workload.py [--runs 3] [--steady 30] [--latency 0.2]``
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Metric, report, user_environ
from _screen import Screen
from fake_upstream import FakeUpstream

WIDTH, HEIGHT = 120, 40
BOARD = "Homepage"
REFRESH = 10
FORM_MARK = "Shown in lists and on cards."  # the app form's first field help
PIHOLE_PATH = "/pihole/admin/api.php?summaryRaw"  # the stat shown twice (one key)
PIHOLE_TTL = 30.0  # the custom API stat endpoint's TTL
HOMEPAGE = {  # issue #11, Homepage v1.12.3 (server + Chromium), same workload
    "first_frame": "0.76 s",
    "populated": "4.74 s",
    "cpu_live": "3.6 s (1.7 + 1.9 browser)",
    "bytes": "15.7 KB",
    "rss": "154 MB + ~930 MB browser",
}


# -- the store ---------------------------------------------------------------------------------


@dataclass
class Tree:
    """Which code to run: this work tree or another checkout (``--tree``)."""

    root: Path

    def env(self, home: Path) -> dict[str, str]:
        env = user_environ()
        env["PYTHONPATH"] = str(self.root)
        env["LAUNCHER_TUI_DATA_DIR"] = str(home / "data")
        env["LAUNCHER_TUI_CONFIG_DIR"] = str(home / "config")
        env["TERM"] = "xterm-256color"
        env["COLORTERM"] = "truecolor"
        env.pop("TEXTUAL", None)
        return env

    def cli(self, home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "launcher_tui", *args],
            env=self.env(home),
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"launcher-tui {' '.join(args)}: {result.stderr or result.stdout}")
        return result


@dataclass(frozen=True)
class WidgetSpec:
    app: str
    endpoint: str
    options: tuple[str, ...] = ()


def workload(url: str) -> tuple[list[list[str]], list[WidgetSpec]]:
    """CLI arguments of the 16 apps and the 20 widgets of the board."""
    apps: list[list[str]] = []
    widgets: list[WidgetSpec] = []
    for n in range(1, 5):
        apps.append(["apps", "add", f"API {n}", "--url", f"{url}/json/{n}",
                     "--integration", "customapi"])  # fmt: skip
        widgets.append(WidgetSpec(f"API {n}", "stat", (
            "path=/stats", "values=Users=data.users; Load=data.load|%; Req=data.requests")))  # fmt: skip
    apps.append(["apps", "add", "Pi-hole", "--url", f"{url}/pihole", "--integration", "customapi"])
    pihole = WidgetSpec("Pi-hole", "stat", (
        "path=/admin/api.php?summaryRaw",
        "values=Queries=dns_queries_today; Blocked=ads_blocked_today; Blocked %=ads_percentage_today|%",
    ))  # fmt: skip
    widgets += [pihole, pihole]  # two widgets, one key (P2)
    widgets.append(WidgetSpec("Pi-hole", "gauge", (
        "path=/admin/api.php?summaryRaw&gauge", "field=ads_percentage_today",
        "label=Blocked", "warning=50", "critical=80")))  # fmt: skip
    for name in ("Sonarr", "Radarr"):
        apps.append(["apps", "add", name, "--url", f"{url}/{name.lower()}",
                     "--integration", name.lower(), "--set", "api_key=bench-key"])  # fmt: skip
        widgets += [WidgetSpec(name, e) for e in ("counts", "queue", "health")]
    for n in range(1, 8):
        apps.append(["apps", "add", f"Site {n}", "--url", f"{url}/site/{n}/",
                     "--integration", "http"])  # fmt: skip
        widgets.append(WidgetSpec(f"Site {n}", "alert"))
    return apps, widgets


def build_store(tree: Tree, home: Path, url: str) -> int:
    """Apps, the board and its widgets with the CLI; returns the number of widgets."""
    apps, widgets = workload(url)
    for args in apps:
        tree.cli(home, *args)
    tree.cli(home, "boards", "add", BOARD, "--columns", "5")
    boards = tree.cli(home, "--json", "boards", "list").stdout
    if '"Home"' in boards:  # a first-run board would be shown before ours
        tree.cli(home, "boards", "remove", "Home", "--yes", check=False)
    for spec in widgets:
        args = ["widgets", "add", BOARD, spec.app, spec.endpoint, "--refresh", str(REFRESH)]
        args += ["--w", "1", "--h", "1"]  # the layout the recorded figures were measured on
        for option in spec.options:
            args += ["--option", option]
        tree.cli(home, *args)
    return len(widgets)


SCALE_SCRIPT = """
import sys
from launcher_tui.services import open_services
total, per_board = int(sys.argv[1]), int(sys.argv[2])
with open_services() as services:
    template = [w for w in services.widgets.list() if w.board == {board!r}]
    boards = max(1, total // per_board)
    for b in range(1, boards):
        name = f"More {{b}}"
        services.boards.add({{"name": name, "columns": 5}})
        for w in template[:per_board]:
            services.widgets.add({{"board": name, "app": w.app_id, "endpoint": w.endpoint,
                                  "x": w.x, "y": w.y, "w": w.w, "h": w.h,
                                  "refresh_interval": w.refresh_interval, "options": w.options}})
    print(len(services.widgets.list()))
"""


def scale_store(tree: Tree, home: Path, total: int) -> int:
    """Copy the 20-widget board onto more boards until ``total`` widgets are stored."""
    result = subprocess.run(
        [sys.executable, "-c", SCALE_SCRIPT.format(board=BOARD), str(total), "20"],
        env=tree.env(home), cwd=tree.root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"scaling the store: {result.stderr}")
    return int(result.stdout.strip().splitlines()[-1])


# -- the dashboard in a pseudo-terminal ------------------------------------------------------


@dataclass
class Session:
    """The running dashboard: its process, the screen it drew and every byte it wrote."""

    process: subprocess.Popen[bytes]
    master: int
    start: float
    screen: Screen = field(default_factory=lambda: Screen(WIDTH, HEIGHT))
    bytes_out: int = 0

    def pump(self, timeout: float) -> bool:
        """Read what the app wrote within ``timeout``; False once the terminal is closed."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        if not data:
            return False
        self.bytes_out += len(data)
        self.screen.feed(data)
        return True

    def wait_for(self, predicate: Callable[[str], bool], timeout: float) -> float | None:
        """Seconds since start until the screen satisfies ``predicate`` (None on timeout)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self.pump(0.01):
                return None
            if predicate(self.screen.text()):
                return time.perf_counter() - self.start
        return None

    def drain(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            if not self.pump(min(0.05, max(0.0, deadline - time.perf_counter()))):
                return

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def cpu(self) -> float:
        times = psutil.Process(self.process.pid).cpu_times()
        return times.user + times.system

    def rss_mb(self) -> float:
        return psutil.Process(self.process.pid).memory_info().rss / 1e6


@contextlib.contextmanager
def dashboard(tree: Tree, home: Path) -> Iterator[Session]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "launcher_tui"],
        stdin=slave, stdout=slave, stderr=slave, env=tree.env(home), cwd=tree.root,
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    session = Session(process, master, start)
    try:
        yield session
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        os.close(master)


def shown_cards(text: str, cards: int) -> int:
    """Cards wholly on screen: the grid reflows to the terminal's width, so at 120 columns some
    of the board's cards may sit below the fold (still polled, not drawn)."""
    return min(cards, text.count("╰"))


def first_frame(cards: int) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        return BOARD in text and shown_cards(text, cards) > 0

    return check


def populated(cards: int) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        shown = shown_cards(text, cards)
        return shown > 0 and text.count("updated") >= shown and "refreshing" not in text

    return check


# -- measurements --------------------------------------------------------------------------------


@dataclass
class RunResult:
    first_frame: float | None = None
    populated: float | None = None
    cpu_first_frame: float | None = None  # CPU seconds the app used until then (load-proof)
    cpu_populated: float | None = None
    cpu_per_min: float | None = None
    bytes_per_min: float | None = None
    rss_mb: float | None = None
    calls_per_ttl: float | None = None
    requests_per_min: float | None = None  # every upstream request in the steady window
    form_open: float | None = None
    quit: float | None = None


def run_dashboard(
    tree: Tree,
    home: Path,
    upstream: FakeUpstream,
    cards: int,
    *,
    steady: float,
    settle: float,
    interactive: bool,
) -> RunResult:
    """One run: start, wait for the first frame and the data, measure a steady window, quit."""
    result = RunResult()
    with dashboard(tree, home) as session:
        result.first_frame = session.wait_for(first_frame(cards), 60)
        with contextlib.suppress(psutil.Error):
            result.cpu_first_frame = session.cpu()
        result.populated = session.wait_for(populated(cards), 90)
        with contextlib.suppress(psutil.Error):
            result.cpu_populated = session.cpu()
        if result.populated is None:
            print("  (not every card populated; screen follows)\n" + session.screen.text())
            return result
        session.drain(settle)
        before_calls = upstream.snapshot()
        cpu0, bytes0, t0 = session.cpu(), session.bytes_out, time.perf_counter()
        session.drain(steady)
        elapsed = time.perf_counter() - t0
        result.cpu_per_min = (session.cpu() - cpu0) * 60 / elapsed
        result.bytes_per_min = (session.bytes_out - bytes0) * 60 / elapsed
        result.rss_mb = session.rss_mb()
        calls = upstream.snapshot()
        pihole = sum(v - before_calls[k] for k, v in calls.items() if k == PIHOLE_PATH)
        result.calls_per_ttl = pihole / max(1.0, elapsed / PIHOLE_TTL)
        result.requests_per_min = (calls.total() - before_calls.total()) * 60 / elapsed
        if interactive:
            sent = time.perf_counter()
            session.send("a")
            opened = session.wait_for(lambda text: FORM_MARK in text, 10)
            if opened is not None:
                result.form_open = opened - (sent - session.start)
            session.send("\x1b")
            session.wait_for(lambda text: FORM_MARK not in text, 10)
            session.drain(0.5)
        sent = time.perf_counter()
        session.send("q")
        while session.process.poll() is None and time.perf_counter() - sent < 15:
            session.pump(0.005)
        if session.process.poll() is not None:
            result.quit = time.perf_counter() - sent
    return result


def headless_overhead(tree: Tree, home: Path, reps: int) -> dict[str, list[float]]:
    """CPU seconds of headless commands minus a bare interpreter's, ``reps`` times each."""

    def cpu_of(argv: list[str]) -> float:
        before = os.times()
        subprocess.run(argv, env=tree.env(home), cwd=tree.root, capture_output=True, check=False)
        after = os.times()
        return (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )

    out: dict[str, list[float]] = {"integrations --json": [], "test-connection": []}
    for _ in range(reps):
        bare = cpu_of([sys.executable, "-c", "pass"])
        module = [sys.executable, "-m", "launcher_tui"]
        out["integrations --json"].append(cpu_of([*module, "integrations", "--json"]) - bare)
        out["test-connection"].append(cpu_of([*module, "test-connection", "Site 1"]) - bare)
    return out


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def opt(value: float | None, scale: float = 1.0) -> float:
    return float("nan") if value is None else value * scale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steady", type=float, default=30.0, help="steady window (s)")
    parser.add_argument("--settle", type=float, default=3.0, help="wait after populated (s)")
    parser.add_argument("--latency", type=float, default=0.2, help="upstream latency (s)")
    parser.add_argument("--scale", default="200,1000", help="widget counts for P7 ('' to skip)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument("--quick", action="store_true", help="CI smoke test: one short run")
    parser.add_argument("--json", type=Path, help="also write the medians to this JSON file")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.steady, args.settle, args.scale = 1, 2.0, 0.5, ""
    tree = Tree(args.tree.resolve())

    m = {
        "first": Metric("P1 start → first frame", "s", "≤ 0.5", lambda v: v <= 0.5),
        "populated": Metric("P1 start → every widget populated", "s", "≤ 0.8", lambda v: v <= 0.8),
        "cpu_first": Metric("P1 CPU used until the first frame", "s", "info"),
        "cpu_populated": Metric("P1 CPU used until populated", "s", "info"),
        "calls": Metric(
            "P2 upstream calls per TTL, key shared by 2 widgets",
            "calls",
            "= 1",
            lambda v: 0.5 <= v <= 1.2,
        ),
        "rss": Metric("P3 RSS, 20 widgets", "MB", "≤ 60", lambda v: v <= 60),
        "cpu_live": Metric("P4 CPU per minute, live data", "s", "≤ 0.5", lambda v: v <= 0.5),
        "cpu_quiet": Metric("P4 CPU per minute, no data change", "s", "≤ 0.1", lambda v: v <= 0.1),
        "bytes_live": Metric("P6 bytes/min to terminal, live data", "KB", "info"),
        "requests": Metric("upstream requests per minute, steady", "req", "info"),
        "bytes_quiet": Metric("P6 bytes/min, no data change", "KB", "≤ 5", lambda v: v <= 5),
        "form": Metric("P8 open a form (a)", "ms", "≤ 150", lambda v: v <= 150),
        "quit": Metric("P8 quit (q)", "ms", "≤ 200", lambda v: v <= 200),
    }
    loads: list[str] = []
    print(f"machine: {os.uname().machine}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"code: {tree.root}   load average at start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="hp-bench-") as tmp:
        base = Path(tmp) / "base"
        with FakeUpstream(latency=args.latency, changing=True) as live:
            cards = build_store(tree, base, live.url)
            for run in range(args.runs):
                for changing in (True, False):
                    home = Path(tmp) / f"run{run}-{int(changing)}"
                    shutil.copytree(base, home)
                    live.changing = changing  # quiet: every answer identical
                    try:
                        r = run_dashboard(
                            tree, home, live, cards, steady=args.steady,
                            settle=args.settle, interactive=not changing,
                        )  # fmt: skip
                    finally:
                        live.changing = True
                    loads.append(load_average())
                    if changing:
                        _add(m["first"], r.first_frame)
                        _add(m["populated"], r.populated)
                        _add(m["cpu_first"], r.cpu_first_frame)
                        _add(m["cpu_populated"], r.cpu_populated)
                        _add(m["cpu_live"], r.cpu_per_min)
                        _add(m["bytes_live"], opt(r.bytes_per_min, 1e-3))
                        _add(m["calls"], r.calls_per_ttl)
                        _add(m["requests"], r.requests_per_min)
                    else:
                        _add(m["rss"], r.rss_mb)
                        _add(m["cpu_quiet"], r.cpu_per_min)
                        _add(m["bytes_quiet"], opt(r.bytes_per_min, 1e-3))
                        _add(m["form"], opt(r.form_open, 1e3))
                        _add(m["quit"], opt(r.quit, 1e3))
                    print(f"  run {run + 1} ({'live' if changing else 'quiet'}): {_short(r)}"
                          f"  load {loads[-1]}")  # fmt: skip
            head = headless_overhead(tree, base, 1 if args.quick else 5)
            p5 = [
                Metric(f"P5 {name} over bare python (CPU)", "ms", "≤ 150", lambda v: v <= 150)
                for name in head
            ]
            for metric, samples in zip(p5, head.values(), strict=True):
                for s in samples:
                    metric.add(s * 1e3)
            scale_metrics = _scale(tree, Path(tmp), base, live, args)
    ok = report(
        "Homepage workload (issue #11): 20 widgets, "
        f"{args.latency * 1e3:.0f} ms upstream, {WIDTH}x{HEIGHT} pty",
        [*m.values(), *p5, *scale_metrics],
    )
    print("\nHomepage v1.12.3 on the same workload (issue #11): first frame "
          f"{HOMEPAGE['first_frame']}, populated {HOMEPAGE['populated']}, CPU/min "
          f"{HOMEPAGE['cpu_live']}, bytes/min {HOMEPAGE['bytes']}, RSS {HOMEPAGE['rss']}")  # fmt: skip
    print(f"load averages per run: {'; '.join(loads)}")
    if args.json:
        medians = {metric.name: metric.median for metric in [*m.values(), *p5, *scale_metrics]}
        args.json.write_text(json.dumps({"medians": medians, "loads": loads}, indent=1))
    return 0 if ok or args.quick else 1


def _add(metric: Metric, value: float | None) -> None:
    if value is not None and value == value:
        metric.add(value)


def _short(r: RunResult) -> str:
    parts = []
    for name in ("first_frame", "populated", "cpu_per_min", "bytes_per_min", "rss_mb", "quit"):
        value = getattr(r, name)
        parts.append(f"{name}={'-' if value is None else f'{value:.3g}'}")
    return " ".join(parts)


def _scale(
    tree: Tree, tmp: Path, base: Path, upstream: FakeUpstream, args: argparse.Namespace
) -> list[Metric]:
    metrics: list[Metric] = []
    for total in [int(x) for x in args.scale.split(",") if x.strip()]:
        home = tmp / f"scale{total}"
        shutil.copytree(base, home)
        stored = scale_store(tree, home, total)
        first = Metric(f"P7 {stored} widgets: first frame", "s", "≤ 1", lambda v: v <= 1)
        filled = Metric(f"P7 {stored} widgets: populated", "s", "≤ 2", lambda v: v <= 2)
        cpu = Metric(f"P7 {stored} widgets: CPU per minute", "s", "≤ 3", lambda v: v <= 3)
        rss = Metric(f"P7 {stored} widgets: RSS", "MB", "≤ 150", lambda v: v <= 150)
        for _ in range(max(1, args.runs // 3)):
            r = run_dashboard(tree, home, upstream, 20, steady=min(args.steady, 20),
                              settle=args.settle, interactive=False)  # fmt: skip
            _add(first, r.first_frame)
            _add(filled, r.populated)
            _add(cpu, r.cpu_per_min)
            _add(rss, r.rss_mb)
            print(f"  scale {stored}: {_short(r)}  load {load_average()}")
        metrics += [first, filled, cpu, rss]
    return metrics


if __name__ == "__main__":
    raise SystemExit(main())
