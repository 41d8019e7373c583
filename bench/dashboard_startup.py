"""Start-up of the real dashboard: process start to first frame, driven in tmux, N runs.

Goals (median of the runs):
  * first frame (the board's tab title and its first card title on screen) < 1.0 s on a
    first-run store (a new database, a new key, the seeded "Home" board) and on an existing one:
    people open it over SSH the way they open htop, and a second of nothing feels broken;
  * board filled (every card shows "updated ...", i.e. its first data) < 1.5 s: the first-run
    board fills in one concurrent round of its system endpoints;
  * the open dashboard at rest: < 5 % of one core and < 120 MB RSS, measured over
    ``--idle`` seconds after the board filled (it stays open all day next to the services it
    watches; see bench/memory.py).

Floor: the same measurement for ``python -c "print('READY')"`` in the same tmux, so tmux and
interpreter start-up are visible, not hidden in the numbers.

How: ``tmux -L bench-<pid> new-session -d -x 120 -y 36 launcher-tui`` with
LAUNCHER_TUI_DATA_DIR / LAUNCHER_TUI_CONFIG_DIR in a temporary directory, polling
``tmux capture-pane -p`` every 20 ms. The ``launcher-tui`` console script next to this Python is
run with PYTHONPATH set to this work tree, so the code measured is the code here even if the
editable install points elsewhere. Then ``python -X importtime -c "import launcher_tui.app"``
lists the biggest imports of the TUI path.

Run: ``python bench/dashboard_startup.py [--runs 5] [--idle 10]``
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import ROOT, Metric, report, user_environ

SOCKET = f"bench-{os.getpid()}"
BOARD_TITLE = "Home"  # launcher_tui.services.first_run.BOARD_NAME
CARD_TITLE = "This machine ·"  # every seeded card's title starts with the seeded app's name
POLL = 0.02


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False
    )


def screen() -> str:
    return tmux("capture-pane", "-p").stdout


def wait_for(predicate: Callable[[str], bool], start: float, timeout: float) -> float | None:
    """Seconds from ``start`` until the pane satisfies ``predicate`` (None on timeout)."""
    while time.perf_counter() - start < timeout:
        if predicate(screen()):
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def first_frame(text: str) -> bool:
    return BOARD_TITLE in text and CARD_TITLE in text


def filled(text: str) -> bool:
    cards = text.count(CARD_TITLE)
    return cards > 0 and text.count("updated ") >= cards


def pane_pid() -> int | None:
    out = tmux("list-panes", "-F", "#{pane_pid}").stdout.strip()
    return int(out) if out.isdigit() else None


def at_rest(seconds: float) -> tuple[float, float]:
    """CPU % of one core and RSS (MB) of the app process over ``seconds``."""
    import psutil

    pid = pane_pid()
    if pid is None:
        return float("nan"), float("nan")
    proc = psutil.Process(pid)
    # the pane runs `sh -c launcher-tui` or the script itself: take the biggest process
    app = max([proc, *proc.children(recursive=True)], key=lambda p: p.memory_info().rss)
    before = app.cpu_times()
    time.sleep(seconds)
    after = app.cpu_times()
    cpu = (after.user - before.user + after.system - before.system) / seconds * 100
    return cpu, app.memory_info().rss / 2**20


def launch(command: str, env: dict[str, str]) -> float:
    """Start ``command`` in a detached tmux session; returns the start time."""
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-x", "120", "-y", "36", command],
        env=env,
        check=True,
    )
    return start


def stop() -> None:
    tmux("send-keys", "q")
    time.sleep(0.2)
    kill_server()


def kill_server() -> None:
    """Kill the bench tmux server and wait until it is gone (a new one must not race it)."""
    tmux("kill-server")
    deadline = time.monotonic() + 5
    while tmux("list-sessions").returncode == 0 and time.monotonic() < deadline:
        time.sleep(0.05)


def app_env(home: Path) -> dict[str, str]:
    env = user_environ()
    env["LAUNCHER_TUI_DATA_DIR"] = str(home / "data")
    env["LAUNCHER_TUI_CONFIG_DIR"] = str(home / "config")
    env["PYTHONPATH"] = str(ROOT)
    env["TERM"] = "xterm-256color"
    env.pop("INTEGRATION_ENCRYPTION_KEY", None)
    return env


def script() -> str:
    local = Path(sys.executable).parent / "launcher-tui"
    found = str(local) if local.exists() else shutil.which("launcher-tui")
    if found is None:
        raise SystemExit("launcher-tui is not installed (pip install -e .)")
    return found


def measure_app(home: Path, m: dict[str, Metric], prefix: str, idle: float) -> None:
    start = launch(shlex.quote(script()), app_env(home))
    try:
        frame = wait_for(first_frame, start, timeout=20)
        if frame is None:
            print(f"  {prefix}: no first frame within 20 s; the screen was:\n{screen()}")
            return
        m[f"{prefix}_frame"].add(frame)
        done = wait_for(filled, start, timeout=20)
        if done is not None:
            m[f"{prefix}_filled"].add(done)
        if idle > 0:
            cpu, rss = at_rest(idle)
            m["idle_cpu"].add(cpu)
            m["rss"].add(rss)
    finally:
        stop()


def measure_floor(m: dict[str, Metric]) -> None:
    command = f"{shlex.quote(sys.executable)} -c \"print('READY')\"; sleep 5"
    start = launch(command, user_environ())
    try:
        took = wait_for(lambda text: "READY" in text, start, timeout=10)
        if took is not None:
            m["floor"].add(took)
    finally:
        kill_server()


def top_imports(count: int) -> list[tuple[int, int, str]]:
    """(cumulative us, self us, module) of the biggest imports of ``launcher_tui.app``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import launcher_tui.app"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=user_environ(PYTHONPATH=str(ROOT)),
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match.group(2)), int(match.group(1)), match.group(3), match.group(4)))
    total = next((r[0] for r in rows if r[3] == "launcher_tui.app"), 0)
    print(
        f"\ntop imports of the TUI path (python -X importtime; launcher_tui.app = "
        f"{total / 1000:.0f} ms cumulative)"
    )
    print(f"  {'cumulative ms':>13}  {'self ms':>7}  module")
    for cumulative, own, indent, name in sorted(rows, reverse=True)[:count]:
        print(f"  {cumulative / 1000:>13.1f}  {own / 1000:>7.1f}  {indent}{name}")
    return [(c, s, n) for c, s, _i, n in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds watched at rest")
    parser.add_argument("--top", type=int, default=20, help="import rows to print")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed for this benchmark")
    if not (ROOT / "launcher_tui" / "app.py").exists():
        raise SystemExit("launcher_tui/app.py does not exist yet: nothing to start")

    m = {
        "floor": Metric("floor: tmux + bare python to text", "s", "info"),
        "first_frame": Metric("first frame, first-run store", "s", "< 1.0", lambda v: v < 1.0),
        "first_filled": Metric("board filled, first-run store", "s", "< 1.5", lambda v: v < 1.5),
        "again_frame": Metric("first frame, existing store", "s", "< 1.0", lambda v: v < 1.0),
        "again_filled": Metric("board filled, existing store", "s", "< 1.5", lambda v: v < 1.5),
        "idle_cpu": Metric("at rest: CPU of the app process", "% core", "< 5", lambda v: v < 5),
        "rss": Metric("at rest: RSS of the app process", "MB", "< 120", lambda v: v < 120),
    }
    try:
        for run in range(args.runs):
            measure_floor(m)
            with tempfile.TemporaryDirectory(prefix="lt-bench-") as tmp:
                home = Path(tmp)
                measure_app(home, m, "first", idle=0)
                # three at-rest samples are enough; later runs only time the start
                measure_app(home, m, "again", idle=args.idle if run < 3 else 0)
    finally:  # tmux leaves its socket file behind after kill-server
        tmux_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (tmux_dir / SOCKET).unlink(missing_ok=True)
    report(
        f"dashboard_startup: {args.runs} runs, 120x36 tmux, polling every {POLL * 1000:g} ms",
        list(m.values()),
    )
    top_imports(args.top)


if __name__ == "__main__":
    main()
