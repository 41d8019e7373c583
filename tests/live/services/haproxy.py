"""Real HAProxy (Debian) with its stats page behind Basic auth and one backend server DOWN.

Backend ``app`` has two servers, health-checked every 500 ms: ``up`` points at the stats
frontend itself (answers, so it is UP), ``down`` at a free port nobody listens on (DOWN after
its first failed checks). Start-up returns only once the stats CSV shows both states, so a test
never sees the initial "no check yet" status.

RunningService:
  url          http://127.0.0.1:PORT       (stats page at ``url + "/stats"``)
  credentials  username, password          (``stats auth``)
  extra        stats_path ("/stats"), backend ("app"), up_server ("up"), down_server ("down"),
               frontend_url (the proxied frontend)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    free_port,
    http_client,
    require_binary,
    wait_http,
    wait_until,
    write_text,
)

USERNAME = "admin"
PASSWORD = "haproxy-secret"
STATS_PATH = "/stats"
BACKEND, UP, DOWN = "app", "up", "down"


def _config(tmpdir: Path, stats: int, front: int, dead: int) -> str:
    return f"""global
  stats socket {tmpdir}/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
frontend stats
  bind 127.0.0.1:{stats}
  stats enable
  stats uri {STATS_PATH}
  stats auth {USERNAME}:{PASSWORD}
frontend web
  bind 127.0.0.1:{front}
  default_backend {BACKEND}
backend {BACKEND}
  balance roundrobin
  server {UP} 127.0.0.1:{stats} check inter 500ms
  server {DOWN} 127.0.0.1:{dead} check inter 500ms fall 1
"""


def server_states(text: str) -> dict[str, str]:
    """``{svname: status}`` of the backend's servers, from the stats CSV."""
    rows = csv.DictReader(io.StringIO(text.removeprefix("# ")))
    return {r["svname"]: r["status"] for r in rows if r.get("pxname") == BACKEND}


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("haproxy")
    with Starting("haproxy", tmpdir) as s:
        port, front = s.port(), s.port()
        conf = write_text(tmpdir / "haproxy.cfg", _config(tmpdir, port, front, free_port()))
        proc = s.spawn([exe, "-f", conf, "-db"], log="haproxy.log")
        url = f"http://127.0.0.1:{port}"
        auth = (USERNAME, PASSWORD)
        wait_http(f"{url}{STATS_PATH};csv", proc=proc, auth=auth)
        with http_client(auth=auth) as client:

            def checked() -> bool:
                states = server_states(client.get(f"{url}{STATS_PATH};csv").text)
                return states.get(UP, "").startswith("UP") and states.get(DOWN) == "DOWN"

            wait_until(checked, 30, proc=proc, what="haproxy health checks")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={
                "stats_path": STATS_PATH,
                "backend": BACKEND,
                "up_server": UP,
                "down_server": DOWN,
                "frontend_url": f"http://127.0.0.1:{front}",
            },
        )
