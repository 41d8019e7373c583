"""Helpers of the CLI tests: run the real CLI in a subprocess, and Sonarr-shaped routes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.loopback import LoopbackServer, Response

REPO = Path(__file__).resolve().parents[2]
SONARR_KEY = "sk-CLI-flow-7f3a9c1e5b2d4e6f8a0b"
SONARR_STATUS = {"appName": "Sonarr", "instanceName": "Sonarr", "version": "4.0.14.2939"}


@dataclass
class Result:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"$ launcher-tui {' '.join(self.args)}\n-> {self.code}\n{self.out}\n{self.err}"


@dataclass
class Cli:
    """``python -m launcher_tui`` with private data/config dirs; keeps every transcript."""

    data_dir: Path
    config_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    transcript: list[Result] = field(default_factory=list)

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
    ) -> Result:
        full_env = {**os.environ, **self.env, **(env or {})}
        full_env["LAUNCHER_TUI_DATA_DIR"] = str(self.data_dir)
        full_env["LAUNCHER_TUI_CONFIG_DIR"] = str(self.config_dir)
        full_env["PYTHONPATH"] = str(REPO)
        proc = subprocess.run(
            [sys.executable, "-m", "launcher_tui", *args],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=full_env,
            cwd=REPO,
            timeout=120,
        )
        result = Result(tuple(args), proc.returncode, proc.stdout, proc.stderr)
        self.transcript.append(result)
        assert "Traceback" not in proc.stderr, str(result)
        return result

    @property
    def db_path(self) -> Path:
        return self.data_dir / "launcher-tui.db"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sonarr_routes(
    server: LoopbackServer,
    key: str = SONARR_KEY,
    *,
    health: list[dict[str, Any]] | None = None,
    wanted: int = 3,
    queued: int = 2,
    series: int = 2,
) -> None:
    """Answers shaped like Sonarr v4's API v3, each refusing a request without ``X-Api-Key``."""
    auth = ("X-Api-Key", key)
    denied = Response(401, {"error": "Unauthorized"})
    routes: dict[str, Any] = {
        "/api/v3/system/status": SONARR_STATUS,
        "/api/v3/wanted/missing": {"page": 1, "pageSize": 1, "totalRecords": wanted, "records": []},
        "/api/v3/queue/status": {
            "totalCount": queued,
            "count": queued,
            "errors": False,
            "warnings": False,
        },
        "/api/v3/series": [{"id": n, "title": f"Series {n}"} for n in range(series)],
        "/api/v3/queue": {
            "page": 1,
            "pageSize": 50,
            "totalRecords": 1,
            "records": [
                {
                    "id": 7,
                    "title": "Show.S01E02.1080p",
                    "size": 1000.0,
                    "sizeleft": 250.0,
                    "timeleft": "00:04:12",
                    "status": "downloading",
                    "trackedDownloadStatus": "ok",
                    "series": {"title": "Show"},
                    "episode": {"seasonNumber": 1, "episodeNumber": 2},
                }
            ],
        },
        "/api/v3/calendar": [],
        "/api/v3/health": health or [],
    }
    for path, body in routes.items():
        server.json("GET", path, body, require_header=auth, denied=denied)
