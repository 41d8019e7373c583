"""The dashboard's quick exit keeps the exit code and flushes what was printed and logged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import logging, sys
from launcher_tui.cli.main import exit_now
handler = logging.FileHandler(sys.argv[1])
logging.getLogger().addHandler(handler)
logging.getLogger().warning("logged before the exit")
sys.stdout.write("printed without a newline")
exit_now(3)
print("never reached")
"""


def test_exit_now_keeps_code_output_and_logs(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(log)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3
    assert result.stdout == "printed without a newline"
    assert "logged before the exit" in log.read_text()
