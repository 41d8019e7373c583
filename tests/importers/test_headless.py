"""The moving-in commands are headless: none of them imports Textual (subprocess, clean modules)."""

from __future__ import annotations

from pathlib import Path

from tests.support.scripts import run_script

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
    proc = run_script(SCRIPT, tmp_path, env={"PATH": "/usr/bin:/bin"}, inherit_env=False)
    assert proc.stdout.strip().endswith("TEXTUAL False"), proc.stdout + proc.stderr
    assert "no docker app" in proc.stderr  # the last command ran (and failed as it should)
