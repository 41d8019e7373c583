"""Cold-start time of headless CLI commands (``python -m launcher_tui ...``), N runs each.

Run: ``python bench/cli_startup.py [-n 10]``. Prints min / median / max wall time per command and
the biggest imports of ``integrations`` (``-X importtime``). Speed goals live here, never in
tests. Commands run against a throwaway data dir with one ``http`` app.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import user_environ

COMMANDS: list[list[str]] = [
    ["--version"],
    ["--help"],
    ["integrations"],
    ["apps", "list"],
    ["apps", "show", "web"],
    ["boards", "list", "--json"],
    ["fetch", "web", "status", "--timeout", "0.5"],
]


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "launcher_tui", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - start) * 1000


def top_imports(args: list[str], env: dict[str, str], count: int = 8) -> list[tuple[int, str]]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "launcher_tui", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10, help="runs per command (default 10)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = user_environ(
            LAUNCHER_TUI_DATA_DIR=str(Path(tmp) / "data"),
            LAUNCHER_TUI_CONFIG_DIR=str(Path(tmp) / "config"),
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "launcher_tui",
                "apps",
                "add",
                "web",
                "--url",
                "http://127.0.0.1:9",
                "--integration",
                "http",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        baseline = [run_bare() for _ in range(opts.n)]
        print(f"{'command':<36} {'min ms':>8} {'median':>8} {'max':>8}")
        print(
            f"{'(bare python -c pass)':<36} {min(baseline):8.0f} {statistics.median(baseline):8.0f} {max(baseline):8.0f}"
        )
        for args in COMMANDS:
            times = [run(args, env) for _ in range(opts.n)]
            label = " ".join(args)
            print(
                f"{label:<36} {min(times):8.0f} {statistics.median(times):8.0f} {max(times):8.0f}"
            )
        print("\nlargest cumulative imports of 'integrations' (µs):")
        for micros, name in top_imports(["integrations"], env):
            print(f"  {micros:>8}  {name.strip()}")
        print("\nlargest cumulative imports of 'apps list' (µs):")
        for micros, name in top_imports(["apps", "list"], env):
            print(f"  {micros:>8}  {name.strip()}")


def run_bare() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=False)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
