"""Real Unmanic 0.4 (PyPI, provisioned by .ci/provision-python-node.sh) with two pending tasks.

State (``HOME_DIR``: database, settings, logs) and the library live in the temp dir; the web
server binds 127.0.0.1. Its start-up registration with Unmanic's support API cannot leave the
network namespace. A fresh install has no worker group with workers, so tasks stay pending:
two are created through the API (``pending/create``) for files in the library, and start-up
returns once ``pending/tasks`` counts both.

RunningService:
  url          http://127.0.0.1:PORT        (API at /unmanic/api/v2)
  credentials  {}                            (Unmanic has no authentication)
  extra        pending (file names, in queue order), library (path)
"""

from __future__ import annotations

from pathlib import Path

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    wait_http,
    wait_until,
    write_text,
)
from tests.live.services._provisioned import venv_exe

API = "/unmanic/api/v2"
PENDING = ("Big.Buck.Bunny.mkv", "Sintel.mkv")


def start(tmpdir: Path) -> RunningService:
    exe = venv_exe("unmanic", "unmanic")
    with Starting("unmanic", tmpdir) as s:
        port = s.port()
        library = tmpdir / "library"
        files = [write_text(library / name, "not really a video\n") for name in PENDING]
        env = {"HOME_DIR": str(tmpdir / "home"), "HOME": str(tmpdir), "library_path": str(library)}
        proc = s.spawn(
            [exe, "--port", str(port), "--address", "127.0.0.1"], log="unmanic.log", env=env
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(f"{url}{API}/version/read", proc=proc, timeout=120)
        with http_client(base_url=url + API) as client:
            for path in files:
                r = client.post("/pending/create", json={"path": str(path)})
                if r.status_code != 200:
                    raise ServiceStartError(
                        f"unmanic pending/create: HTTP {r.status_code} {r.text}"
                    )

            def queued() -> bool:
                answer = client.post("/pending/tasks", json={"start": 0, "length": 10}).json()
                return answer.get("recordsTotal") == len(PENDING)

            wait_until(queued, 60, proc=proc, what="unmanic pending tasks")
        return s.running(url=url, extra={"pending": list(PENDING), "library": str(library)})
