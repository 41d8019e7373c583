"""Real Uptime Kuma (npm ``uptime-kuma@2.0.0-dev.0``) on 127.0.0.1, set up with two monitors.

Setup goes over socket.io (``uptimekuma_setup.js``): admin user, an HTTP monitor of a loopback
page we serve (UP), a TCP monitor of a loopback port nobody listens on (DOWN), a public status
page and an API key. Start-up returns once both monitors have their first heartbeat.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  username, password (socket.io/UI login), api_key (``/metrics``: HTTP Basic with an
               empty user name and the key as password; wrong/missing -> 401)
  extra        status_page_slug, status_page_title, up_monitor/up_monitor_id/up_url,
               down_monitor/down_monitor_id/down_port   (status page API and badges are public)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    free_port,
    http_client,
    run,
    wait_http,
    wait_until,
)
from tests.live.services._provisioned import node, node_modules
from tests.support.loopback import LoopbackServer, Response

USERNAME = "admin"
PASSWORD = "kuma-secret-123"
SLUG = "homelab"
TITLE = "Homelab"
UP_MONITOR = "Local web"
DOWN_MONITOR = "Closed port"
SETUP_SCRIPT = Path(__file__).with_name("uptimekuma_setup.js")


def _configure(node_exe: str, modules: Path, plan: dict[str, Any]) -> dict[str, Any]:
    cp = run(
        [node_exe, SETUP_SCRIPT, modules],
        input=json.dumps(plan).encode(),
        timeout=45,
    )
    lines = cp.stdout.decode().strip().splitlines()
    if not lines:
        raise ServiceStartError(f"uptime kuma setup printed nothing: {cp.stderr.decode()}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def start(tmpdir: Path) -> RunningService:
    modules = node_modules("uptimekuma")
    node_exe = node()
    with Starting("uptimekuma", tmpdir) as s:
        target = LoopbackServer()
        target.route("GET", "/", Response(200, b"<h1>ok</h1>", {"Content-Type": "text/html"}))
        target.start()
        s.on_stop(target.stop)
        port = s.port()
        down_port = free_port()  # handed out but never bound: the DOWN monitor's target
        package = modules / "uptime-kuma"
        proc = s.spawn(
            [
                *(node_exe, package / "server" / "server.js"),
                *("--host=127.0.0.1", f"--port={port}", f"--data-dir={tmpdir / 'data'}/"),
            ],
            log="uptime-kuma.log",
            cwd=package,
            # sqlite skips the first-run database wizard
            env={"HOME": str(tmpdir), "UPTIME_KUMA_DB_TYPE": "sqlite", "NODE_ENV": "production"},
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(f"{url}/api/entry-page", proc=proc, timeout=90)
        plan = {
            "url": url,
            "username": USERNAME,
            "password": PASSWORD,
            "up": {"name": UP_MONITOR, "url": f"{target.url}/"},
            "down": {"name": DOWN_MONITOR, "port": down_port},
            "slug": SLUG,
            "title": TITLE,
        }
        setup = _configure(node_exe, modules, plan)
        up_id, down_id = setup["upMonitorId"], setup["downMonitorId"]

        with http_client() as client:

            def first_beats() -> bool:
                beats = client.get(f"{url}/api/status-page/heartbeat/{SLUG}").json()
                latest = {k: v[-1]["status"] for k, v in beats["heartbeatList"].items() if v}
                return latest == {str(up_id): 1, str(down_id): 0}

            wait_until(first_beats, 40, interval=0.3, proc=proc, what="first heartbeats")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD, "api_key": setup["apiKey"]},
            extra={
                "status_page_slug": SLUG,
                "status_page_title": TITLE,
                "up_monitor": UP_MONITOR,
                "up_monitor_id": up_id,
                "up_url": plan["up"]["url"],
                "down_monitor": DOWN_MONITOR,
                "down_monitor_id": down_id,
                "down_port": down_port,
            },
        )
