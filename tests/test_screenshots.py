"""The committed README screenshots are exactly what ``scripts/screenshots.py`` writes today.

Marked ``screenshots`` (``pytest -m screenshots`` runs only this). The script runs in a child
process into a temp dir; every SVG must match the committed one byte for byte, and no picture
may be missing or extra. A failure means the UI changed (or the script lost its determinism):
run ``python scripts/screenshots.py``, look at the changed SVGs, commit them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "screenshots"
FIX = "run `python scripts/screenshots.py`, look at the SVGs it changed, and commit them"

pytestmark = pytest.mark.screenshots


def test_committed_screenshots_are_what_the_script_writes(tmp_path: Path) -> None:
    out = tmp_path / "screenshots"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, f"scripts/screenshots.py failed:\n{run.stdout}\n{run.stderr}"
    written = {p.name for p in out.glob("*.svg")}
    committed = {p.name for p in COMMITTED.glob("*.svg")}
    assert written, "the script wrote no SVG"
    assert written == committed, (
        f"missing in screenshots/: {sorted(written - committed)}; "
        f"no longer written: {sorted(committed - written)} — {FIX}"
    )
    changed = [n for n in sorted(written) if (out / n).read_bytes() != (COMMITTED / n).read_bytes()]
    assert not changed, f"screenshots/ differ from what the script writes: {changed} — {FIX}"
