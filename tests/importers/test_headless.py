"""The moving-in commands are headless: none of them imports Textual (subprocess, clean modules)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from launcher_tui.cli.main import main
for args in (["import", "homepage", "tests/importers/homepage/custom_widgets", "--dry-run"],
             ["bookmarks", "list"], ["config", "export"], ["config", "schema"],
             ["discover", "docker", "--dry-run"]):
    main(args)
print("TEXTUAL", "textual" in sys.modules)
"""


def test_moving_in_commands_never_import_textual(tmp_path: Path) -> None:
    env = {
        "LAUNCHER_TUI_DATA_DIR": str(tmp_path / "data"),
        "LAUNCHER_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHONPATH": str(REPO),
        "PATH": "/usr/bin:/bin",
    }
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stdout.strip().endswith("TEXTUAL False"), proc.stdout + proc.stderr
    assert "no docker app" in proc.stderr  # the last command ran (and failed as it should)
