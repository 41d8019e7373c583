"""The Homepage workload benchmark still runs: ``--quick`` end to end, numbers out, no timing.

Speed goals are judged by ``bench/homepage_workload.py`` itself (see BENCHMARKS.md), never here:
this only proves the benchmark can start the fake upstream, build the store with the CLI, drive
the real dashboard in a pseudo-terminal and measure every metric, so it does not rot.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEASURED = (
    "P1 start → first frame",
    "P1 start → every widget populated",
    "P3 RSS, 20 widgets",
    "P4 CPU per minute, live data",
    "P4 CPU per minute, no data change",
    "P6 bytes/min, no data change",
    "P8 quit (q)",
)


def test_quick_mode_measures_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "medians.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "homepage_workload.py"),
            "--quick",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    medians = json.loads(out.read_text())["medians"]
    for name in MEASURED:
        assert name in medians, name
        assert math.isfinite(medians[name]) and medians[name] >= 0, (
            name,
            medians[name],
            result.stdout[-4000:],
        )
    assert medians["P3 RSS, 20 widgets"] > 10  # a real process, not a zero placeholder
    p5 = [v for k, v in medians.items() if k.startswith("P5 ")]
    assert len(p5) == 2 and all(math.isfinite(v) for v in p5)
