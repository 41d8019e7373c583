"""Real Glances 3 (Debian, REST API v3) on 127.0.0.1 with HTTP Basic auth.

Glances reads its password file ``$XDG_CONFIG_HOME/glances/<user>.pwd`` when started with
``-u <user>`` instead of prompting; the file holds ``salt$sha256(salt + sha256(password))``.
Plugins that probe hardware or the network (sensors, docker, cloud, ports, wifi...) are off.

RunningService:
  url          http://127.0.0.1:PORT   (API at ``url + "/api/3/..."``)
  credentials  username, password       (HTTP Basic)
  extra        api_version (3)
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    http_client,
    require_path,
    wait_http,
    wait_until,
    write_text,
)

USERNAME = "glances"
PASSWORD = "glances-secret"
API = 3
DISABLED_PLUGINS = "sensors,docker,cloud,ports,wifi,folders,raid,smart,ip,irq"


def password_file(password: str) -> str:
    salt = uuid.uuid4().hex
    inner = hashlib.sha256(password.encode()).hexdigest()
    return f"{salt}${hashlib.sha256((salt + inner).encode()).hexdigest()}"


def start(tmpdir: Path) -> RunningService:
    # explicit path: a PyPI Glances 4 venv on PATH must not be picked up here
    exe = str(require_path("/usr/bin/glances"))
    require_path("/usr/lib/python3/dist-packages/bottle.py")  # web server mode needs bottle
    with Starting("glances", tmpdir) as s:
        port = s.port()
        config = tmpdir / "config"
        write_text(config / "glances" / f"{USERNAME}.pwd", password_file(PASSWORD), mode=0o600)
        env = {
            "HOME": str(tmpdir),
            "XDG_CONFIG_HOME": str(config),
            "XDG_CACHE_HOME": str(tmpdir / "cache"),
        }
        cmd = [
            exe, "-w", "--disable-webui", "-B", "127.0.0.1", "-p", str(port),
            "--disable-check-update", "-u", USERNAME, "-t", "1",
            "--disable-plugin", DISABLED_PLUGINS,
        ]  # fmt: skip
        proc = s.spawn(cmd, log="glances.log", env=env)
        url = f"http://127.0.0.1:{port}"
        auth = (USERNAME, PASSWORD)
        wait_http(f"{url}/api/{API}/cpu", ok_statuses={200}, proc=proc, auth=auth, timeout=60)
        with http_client(auth=auth) as client:
            # the first refresh has no CPU delta yet; wait for a real total
            wait_until(
                lambda: (
                    client.get(f"{url}/api/{API}/cpu").json().get("total") is not None
                    and client.get(f"{url}/api/{API}/mem").json().get("total", 0) > 0
                ),
                15,
                interval=0.2,
                proc=proc,
                what="glances has cpu/mem data",
            )
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={"api_version": API},
        )
