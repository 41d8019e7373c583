"""Real InfluxDB 1.x (Debian influxdb 1.6) with auth enabled, an admin user and a database.

With ``auth-enabled`` and no user yet, InfluxDB accepts one unauthenticated ``CREATE USER … WITH
ALL PRIVILEGES``: that is how the admin is made. Then database ``telegraf`` gets a few ``cpu``
points, as a Telegraf agent would write them. ``reporting-disabled`` stops the phone-home.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  username, password      (HTTP Basic)
  extra        database ("telegraf"), points (written)
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    free_port,
    http_client,
    require_binary,
    wait_http,
    write_text,
)

USERNAME = "admin"
PASSWORD = "influx-secret"
DATABASE = "telegraf"
POINTS = 10


def _config(tmpdir: Path, port: int) -> str:
    return f"""reporting-disabled = true
bind-address = "127.0.0.1:{free_port()}"
[meta]
  dir = "{tmpdir}/meta"
[data]
  dir = "{tmpdir}/data"
  wal-dir = "{tmpdir}/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:{port}"
  auth-enabled = true
  log-enabled = false
[monitor]
  store-enabled = false
"""


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("influxd")
    with Starting("influxdb", tmpdir) as s:
        port = s.port()
        conf = write_text(tmpdir / "influxdb.conf", _config(tmpdir, port))
        proc = s.spawn([exe, "run", "-config", conf], log="influxd.log")
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/ping", ok_statuses={204}, proc=proc)
        now = int(time.time())
        lines = "\n".join(
            f"cpu,host=nas usage_idle={90 + i}.5 {(now - POINTS + i) * 10**9}"
            for i in range(POINTS)
        )
        with http_client(base_url=url) as client:
            admin = f"CREATE USER {USERNAME} WITH PASSWORD '{PASSWORD}' WITH ALL PRIVILEGES"
            steps = [
                client.post("/query", data={"q": admin}),
                client.post("/query", data={"q": f"CREATE DATABASE {DATABASE}"}, auth=(USERNAME, PASSWORD)),
                client.post("/write", params={"db": DATABASE}, content=lines, auth=(USERNAME, PASSWORD)),
            ]  # fmt: skip
        for r in steps:
            if r.status_code >= 300 or '"error"' in r.text:
                raise ServiceStartError(f"influxdb {r.request.url}: HTTP {r.status_code} {r.text}")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={"database": DATABASE, "points": POINTS},
        )
