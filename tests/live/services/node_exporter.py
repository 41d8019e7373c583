"""Real Prometheus node exporter (Debian prometheus-node-exporter) on 127.0.0.1.

Also used by ``prometheus.py`` as the scrape target that is up.

RunningService:
  url          http://127.0.0.1:PORT   (metrics at ``url + "/metrics"``, no auth)
  credentials  {}
  extra        {}
"""

from __future__ import annotations

from pathlib import Path

from tests.live.harness import Proc, RunningService, Starting, require_binary, wait_http


def spawn(s: Starting, port: int) -> Proc:
    """Start the exporter inside another service's Starting block and wait for /metrics."""
    exe = require_binary("prometheus-node-exporter")
    proc = s.spawn(
        [exe, f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
        log="node_exporter.log",
    )
    wait_http(f"http://127.0.0.1:{port}/metrics", ok_statuses={200}, proc=proc)
    return proc


def start(tmpdir: Path) -> RunningService:
    with Starting("node_exporter", tmpdir) as s:
        port = s.port()
        spawn(s, port)
        return s.running(url=f"http://127.0.0.1:{port}")
