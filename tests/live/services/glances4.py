"""Real Glances 4 (PyPI ``glances[web]==4.5.8``) REST API v4 on 127.0.0.1 with HTTP Basic auth.

RunningService:
  url          http://127.0.0.1:PORT          (API under ``url + "/api/4/"``)
  credentials  username, password             (HTTP Basic; wrong ones -> 401 JSON)
  extra        api_version (4), api_path ("/api/4"), plugins (a few that answer here)
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    http_client,
    wait_http,
    wait_until,
    write_text,
)
from tests.live.services._provisioned import venv_exe

USERNAME = "glances"
PASSWORD = "glances-secret-4"
API_PATH = "/api/4"
# plugins that need hardware, containers or the internet only add noise and start-up time
DISABLED_PLUGINS = "sensors,containers,cloud,ports,wifi,folders,raid,smart,ip"


def _pbkdf2(text: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", text.encode(), salt.encode(), 100_000, dklen=128).hex()


def password_file_line(password: str) -> str:
    """Glances 4's ``<user>.pwd`` format: ``salt$h(h(password, ""), salt)``.

    Written by us so ``--password -u USER`` reads it instead of prompting on a terminal.
    """
    salt = secrets.token_hex(16)
    return f"{salt}${_pbkdf2(_pbkdf2(password, ''), salt)}"


def start(tmpdir: Path) -> RunningService:
    exe = venv_exe("glances4", "glances")
    with Starting("glances4", tmpdir) as s:
        port = s.port()
        config = tmpdir / "config"
        write_text(config / "glances" / f"{USERNAME}.pwd", password_file_line(PASSWORD), 0o600)
        env = {"HOME": str(tmpdir), "XDG_CONFIG_HOME": str(config), "XDG_CACHE_HOME": str(tmpdir)}
        proc = s.spawn(
            [
                exe,
                "-w",
                "--disable-webui",
                "-B",
                "127.0.0.1",
                "-p",
                str(port),
                "--disable-check-update",
                "-u",
                USERNAME,
                "--password",
                "-t",
                "1",
                "--disable-plugin",
                DISABLED_PLUGINS,
            ],
            log="glances.log",
            env=env,
        )
        url = f"http://127.0.0.1:{port}"
        auth = (USERNAME, PASSWORD)
        wait_http(f"{url}{API_PATH}/cpu", proc=proc, auth=auth, timeout=60)

        # the first refresh has no rates yet; wait until memory and load are populated
        with http_client(auth=auth) as client:

            def has_data() -> bool:
                mem = client.get(f"{url}{API_PATH}/mem").json()
                load = client.get(f"{url}{API_PATH}/load").json()
                return bool(mem.get("total")) and "min1" in load

            wait_until(has_data, 20, interval=0.2, proc=proc, what="glances data")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={
                "api_version": 4,
                "api_path": API_PATH,
                "plugins": ["cpu", "mem", "load", "fs", "network", "uptime", "quicklook"],
            },
        )
