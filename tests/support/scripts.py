"""A Python snippet in a fresh interpreter: this checkout importable, a private store.

For what only a new process shows: which modules a command imports, how the process entry sets
up the interpreter. The data and config dirs live under ``home``, never the user's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_script(
    script: str, home: Path, *, env: dict[str, str] | None = None, inherit_env: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``python -c script`` in the repo with its store under ``home`` (stdin closed).

    ``inherit_env=False`` starts from an empty environment (plus ``env``), for tests that must
    not depend on the caller's variables. Never raises on a non-zero exit: the test asserts.
    """
    full_env = {
        **(dict(os.environ) if inherit_env else {}),
        "LAUNCHER_TUI_DATA_DIR": str(home / "data"),
        "LAUNCHER_TUI_CONFIG_DIR": str(home / "config"),
        "PYTHONPATH": str(REPO),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
