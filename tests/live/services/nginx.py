"""Real nginx (Debian nginx-light) on 127.0.0.1 with ``stub_status`` at ``/nginx_status``.

Everything (pid, logs, temp paths) lives in the temp dir; ``-e`` makes nginx log start-up errors
there too instead of opening /var/log/nginx first. The status location allows 127.0.0.1 only,
as a real one would; ``/`` answers a short text so a test can make the request counter move.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  {}                       (nginx has no auth of its own here: an allow list)
  extra        status_path ("/nginx_status")
"""

from __future__ import annotations

from pathlib import Path

from tests.live.harness import RunningService, Starting, require_binary, wait_http, write_text

STATUS_PATH = "/nginx_status"


def _config(tmpdir: Path, port: int) -> str:
    temp = tmpdir / "tmp"
    return f"""daemon off;
worker_processes 1;
pid {tmpdir}/nginx.pid;
error_log {tmpdir}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log {tmpdir}/logs/access.log;
  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location = {STATUS_PATH} {{ stub_status; allow 127.0.0.1; deny all; }}
    location / {{ return 200 "hello from nginx\\n"; }}
  }}
}}
"""


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("nginx")
    with Starting("nginx", tmpdir) as s:
        port = s.port()
        for sub in ("tmp", "logs"):
            (tmpdir / sub).mkdir(exist_ok=True)
        conf = write_text(tmpdir / "nginx.conf", _config(tmpdir, port))
        proc = s.spawn(
            [exe, "-p", tmpdir, "-e", tmpdir / "logs" / "error.log", "-c", conf], log="nginx.log"
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(url + STATUS_PATH, proc=proc)
        return s.running(url=url, extra={"status_path": STATUS_PATH})
