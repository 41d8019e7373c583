"""Real OctoPrint (PyPI ``octoprint==1.11.8``) on 127.0.0.1, its virtual printer mid-print.

Start-up creates an admin user with a known API key, connects the bundled Virtual Printer and
starts a long G-code job (~10 min), so ``/api/job`` shows state "Printing" with a completion
between 0 and 100 and ``/api/printer`` has tool/bed temperatures.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  username, password, api_key   (``X-Api-Key`` header; wrong/missing -> 403)
  extra        global_api_key (config.yaml's api.key, also accepted), job_file (name printing),
               port ("VIRTUAL"), printer_profile ("_default")
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    free_port,
    http_client,
    run,
    wait_http,
    wait_until,
    write_text,
)
from tests.live.services._provisioned import venv_exe

USERNAME = "admin"
PASSWORD = "octo-secret-123"
API_KEY = "LTOCTOPRINTKEY0123456789ABCDEF01"  # OctoPrint keys are 32 chars [0-9A-Za-z]
JOB_FILE = "benchy.gcode"
# plugins that phone home or would nag: switched off on top of running in a private netns
DISABLED_PLUGINS = [
    "tracking",
    "announcements",
    "softwareupdate",
    "errortracking",
    "discovery",
    "achievements",
    "health_check",  # its "freshness" check asks pypi.org for the newest release
]


def job_gcode(moves: int = 3000, dwell_ms: int = 200) -> str:
    """A print that runs ~moves*dwell_ms on the virtual printer: long enough to stay mid-job."""
    head = "G28\nM140 S60\nM104 S200\n"
    body = "".join(
        f"G1 X{i % 200} Y{(i * 7) % 200} Z0.2 E{i * 0.05:.2f} F3000\nG4 P{dwell_ms}\n"
        for i in range(moves)
    )
    return head + body + "M104 S0\nM140 S0\n"


def _config_yaml(global_key: str, dead_port: int) -> str:
    disabled = ", ".join(DISABLED_PLUGINS)
    # the plugin manager downloads its repository and notices even with the online check off:
    # point both at a loopback port nobody listens on (an enabled online check that fails
    # would do too, but it retries for ~6 s at start-up)
    dead = f"http://127.0.0.1:{dead_port}"
    return f"""api:
  key: {global_key}
server:
  firstRun: false
  seenWizards: {{corewizard: 4, tracking: null, backup: null}}
  onlineCheck: {{enabled: false}}
  pluginBlacklist: {{enabled: false}}
  pythonEolCheck: {{enabled: false}}
serial:
  autoconnect: false
plugins:
  _disabled: [{disabled}]
  pluginmanager:
    repository: {dead}/plugins.json
    notices: {dead}/notices.json
  virtual_printer:
    enabled: true
    okAfterResend: false
    simulateReset: false
    sendWait: false
    waitInterval: 0
"""


def _prepare_basedir(exe: Path, basedir: Path, home: Path) -> str:
    """Create the admin user via OctoPrint's own CLI, then pin API keys; return the global key."""
    env = {"HOME": str(home)}
    run(
        [exe, "--basedir", basedir, "user", "add", USERNAME, "--password", PASSWORD, "--admin"],
        env=env,
        timeout=60,
    )
    users = basedir / "users.yaml"
    text = users.read_text()
    if "apikey: null" not in text:
        raise ServiceStartError(f"unexpected users.yaml layout:\n{text}")
    users.write_text(text.replace("apikey: null", f"apikey: {API_KEY}", 1))
    found = re.search(r"^\s+key: (\S+)", (basedir / "config.yaml").read_text(), re.M)
    global_key = found.group(1) if found else secrets.token_hex(16).upper()
    write_text(basedir / "config.yaml", _config_yaml(global_key, free_port()))
    return global_key


def start(tmpdir: Path) -> RunningService:
    exe = venv_exe("octoprint", "octoprint")
    with Starting("octoprint", tmpdir) as s:
        port = s.port()
        basedir = tmpdir / "basedir"
        global_key = _prepare_basedir(exe, basedir, tmpdir)
        root_flag = ["--iknowwhatimdoing"] if os.geteuid() == 0 else []
        proc = s.spawn(
            [
                exe,
                "--basedir",
                basedir,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *root_flag,
            ],
            log="octoprint.log",
            env={"HOME": str(tmpdir)},
        )
        url = f"http://127.0.0.1:{port}"
        headers = {"X-Api-Key": API_KEY}
        wait_http(f"{url}/api/version", proc=proc, headers=headers, timeout=90)

        with http_client(base_url=url, headers=headers, timeout=10.0) as api:
            r = api.post(
                "/api/connection",
                json={"command": "connect", "port": "VIRTUAL", "baudrate": 115200},
            )
            if r.status_code != 204:
                raise ServiceStartError(f"connect: {r.status_code} {r.text}")
            wait_until(
                lambda: api.get("/api/connection").json()["current"]["state"] == "Operational",
                30,
                interval=0.2,
                proc=proc,
                what="virtual printer operational",
            )
            r = api.post(
                "/api/files/local",
                files={"file": (JOB_FILE, job_gcode().encode(), "application/octet-stream")},
                data={"select": "true", "print": "true"},
            )
            if r.status_code != 201:
                raise ServiceStartError(f"upload: {r.status_code} {r.text}")

            def printing_with_temps() -> bool:
                job = api.get("/api/job").json()
                printer = api.get("/api/printer").json()
                completion = job.get("progress", {}).get("completion") or 0
                tool = printer.get("temperature", {}).get("tool0") or {}
                return (
                    job.get("state", "").startswith("Printing")
                    and completion > 0
                    and tool.get("target") == 200
                )

            wait_until(printing_with_temps, 40, interval=0.3, proc=proc, what="octoprint job")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD, "api_key": API_KEY},
            extra={
                "global_api_key": global_key,
                "job_file": JOB_FILE,
                "port": "VIRTUAL",
                "printer_profile": "_default",
            },
        )
