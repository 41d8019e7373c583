"""Real Monit (Debian) with its HTTP interface behind Basic auth and one check failing.

Checks: the system, the root file system, /etc/passwd, a TCP connect to Monit's own HTTP port
(passes) and one to a free port nobody listens on (fails). Two traps met on the way: a
``filesystem`` check on a path that is not a mount point (/tmp here) fails as "does not exist",
and ``protocol http`` against Monit's own port fails on its 401. ``set daemon 1``: a cycle per second. Start-up returns once the
status XML reports exactly that check as failed and every check as done, so tests never race
the first cycles.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  username, password      (``allow user:password``)
  extra        failing_check ("nothing-listens"), passing_checks (names), checks (count)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
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
PASSWORD = "monit-secret"
FAILING = "nothing-listens"
PASSING = ("launcher-host", "rootfs", "passwd", "self-http")


def _config(tmpdir: Path, port: int, dead: int) -> str:
    return f"""set daemon 1
set logfile {tmpdir}/monit.log
set idfile {tmpdir}/monit.id
set statefile {tmpdir}/monit.state
set pidfile {tmpdir}/monit.pid
set httpd port {port} and use address 127.0.0.1
  allow {USERNAME}:{PASSWORD}
check system launcher-host
check filesystem rootfs with path /
check file passwd with path /etc/passwd
check host self-http with address 127.0.0.1
  if failed port {port} with timeout 2 seconds then alert
check host {FAILING} with address 127.0.0.1
  if failed port {dead} with timeout 1 seconds then alert
"""


def failed_checks(xml: bytes) -> set[str]:
    """Names of the services whose ``status`` is non-zero in Monit's status XML."""
    root = ET.fromstring(xml)
    return {
        s.findtext("name") or ""
        for s in root.iter("service")
        if s.findtext("status") not in ("0", None)
    }


def checked(xml: bytes) -> set[str]:
    """Names of the services Monit has checked at least once (``monitor`` 1, not initializing)."""
    return {
        s.findtext("name") or ""
        for s in ET.fromstring(xml).iter("service")
        if s.findtext("monitor") == "1"
    }


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("monit")
    with Starting("monit", tmpdir) as s:
        port = s.port()
        conf = write_text(tmpdir / "monitrc", _config(tmpdir, port, free_port()), mode=0o600)
        proc = s.spawn([exe, "-I", "-c", conf], log="monit-stdout.log")
        url = f"http://127.0.0.1:{port}"
        auth = (USERNAME, PASSWORD)
        wait_http(url + "/_status?format=xml", proc=proc, auth=auth)
        with http_client(auth=auth) as client:

            def settled() -> bool:
                # exactly the one failure, every check done at least once: the first cycle
                # runs before Monit's own HTTP port listens, so self-http fails in it and only
                # passes from the next cycle on (on a loaded machine, seconds later)
                xml = client.get(url + "/_status?format=xml").content
                return failed_checks(xml) == {FAILING} and checked(xml) == {FAILING, *PASSING}

            wait_until(settled, 60, proc=proc, what="monit: only the failing check failed")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={"failing_check": FAILING, "passing_checks": PASSING, "checks": len(PASSING) + 1},
        )
