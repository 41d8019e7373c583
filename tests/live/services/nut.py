"""Real Network UPS Tools (Debian nut-server 2.8): dummy-ups driver + upsd on 127.0.0.1.

Nothing touches /etc/nut: both programs get NUT_CONFPATH / NUT_STATEPATH / NUT_ALTPIDPATH
pointing into the temp dir, run in the foreground (-F) and stay root (-u root). We call
/lib/nut/upsd directly because /sbin/upsd is a wrapper that refuses to run unless
/etc/nut/nut.conf says MODE=standalone.

The UPS is simulated by ``dummy-ups`` reading ``<tmpdir>/etc/ups.dev`` (``name: value`` lines, the
upsc dump format). A ``.dev`` file runs in "dummy-once" mode: the driver re-reads it only when its
mtime changes, checking once per poll interval (we set 1 s), so a test can switch the UPS to
battery with ``write_dev(path, {"ups.status": "OB LB", ...})`` and see upsd report it within ~1-2 s
(``write_dev`` bumps the mtime explicitly, so two writes within one second are not lost).

RunningService:
  url          nut://127.0.0.1:PORT
  credentials  username, password    (upsd.users; needed for LOGIN / privileged commands only -
                                      LIST VAR / GET VAR are anonymous in NUT)
  extra        ups_name, dev_file (Path, writable), initial_vars (dict written at start)
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Mapping
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    require_path,
    wait_tcp,
    wait_until,
    write_text,
)

UPS_NAME = "testups"
USERNAME = "monuser"
PASSWORD = "nut-secret"
UPSD = "/lib/nut/upsd"
DUMMY_UPS = "/lib/nut/dummy-ups"

INITIAL_VARS: dict[str, str] = {
    "device.mfr": "Launcher Test Power",
    "device.model": "Dummy 1500",
    "device.type": "ups",
    "ups.mfr": "Launcher Test Power",
    "ups.model": "Dummy 1500",
    "ups.status": "OL",
    "ups.load": "23",
    "ups.realpower.nominal": "900",
    "battery.charge": "100",
    "battery.charge.low": "20",
    "battery.runtime": "1800",
    "battery.runtime.low": "300",
    "input.voltage": "230.0",
    "output.voltage": "230.0",
}


def write_dev(path: Path, values: Mapping[str, str | int | float]) -> None:
    """Rewrite the dummy-ups data file so the driver picks the new values up.

    Written to a temp file and renamed (the driver never reads half a file), then the mtime is
    set to "now + a bit" so the change is seen even when two writes land in the same second.
    """
    text = "".join(f"{k}: {v}\n" for k, v in values.items())
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.chmod(0o666)
    previous = path.stat().st_mtime_ns if path.exists() else 0
    os.replace(tmp, path)
    bumped = max(time.time_ns(), previous + 1_000_000_000)
    os.utime(path, ns=(bumped, bumped))


class NutClient:
    """A minimal NUT network-protocol client (RFC 9271): line requests, line answers."""

    def __init__(self, host: str, port: int, timeout: float = 5.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.reader = self.sock.makefile("r", encoding="utf-8", newline="\n")

    def command(self, line: str) -> str:
        """Send one command; return its single-line answer (e.g. ``OK`` or ``ERR ...``)."""
        self.sock.sendall(line.encode() + b"\n")
        return self.reader.readline().rstrip("\n")

    def list_vars(self, ups: str) -> dict[str, str]:
        self.sock.sendall(f"LIST VAR {ups}\n".encode())
        first = self.reader.readline().rstrip("\n")
        if first.startswith("ERR"):
            raise RuntimeError(first)
        out: dict[str, str] = {}
        for line in iter(self.reader.readline, ""):
            line = line.rstrip("\n")
            if line.startswith("END LIST"):
                break
            # VAR <ups> <name> "<value>"
            _, _, name, value = line.split(" ", 3)
            out[name] = value.strip('"').replace('\\"', '"')
        return out

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.sendall(b"LOGOUT\n")
        self.reader.close()
        self.sock.close()

    def __enter__(self) -> NutClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_vars(port: int, ups: str = UPS_NAME) -> dict[str, str]:
    with NutClient("127.0.0.1", port) as c:
        return c.list_vars(ups)


def start(tmpdir: Path) -> RunningService:
    upsd = require_path(UPSD)
    driver = require_path(DUMMY_UPS)
    with Starting("nut", tmpdir) as s:
        port = s.port()
        etc, state = tmpdir / "etc", tmpdir / "state"
        state.mkdir(parents=True, exist_ok=True)
        state.chmod(0o770)
        dev = etc / "ups.dev"
        etc.mkdir(parents=True, exist_ok=True)
        write_dev(dev, INITIAL_VARS)
        write_text(
            etc / "ups.conf",
            f"maxretry = 1\npollinterval = 1\n\n[{UPS_NAME}]\n"
            f"  driver = dummy-ups\n  port = {dev}\n  mode = dummy-once\n"
            f'  desc = "launcher-tui test UPS"\n',
        )
        write_text(etc / "upsd.conf", f"LISTEN 127.0.0.1 {port}\nMAXAGE 15\n", mode=0o600)
        write_text(
            etc / "upsd.users",
            f"[{USERNAME}]\n  password = {PASSWORD}\n  upsmon secondary\n",
            mode=0o600,
        )
        env = {
            "NUT_CONFPATH": str(etc),
            "NUT_STATEPATH": str(state),
            "NUT_ALTPIDPATH": str(state),
        }
        s.spawn(
            [driver, "-a", UPS_NAME, "-F", "-u", "root", "-i", "1"], log="dummy-ups.log", env=env
        )
        server = s.spawn([upsd, "-F", "-u", "root"], log="upsd.log", env=env)
        wait_tcp(port, proc=server)
        wait_until(
            lambda: read_vars(port).get("ups.status") == INITIAL_VARS["ups.status"],
            15,
            interval=0.2,
            proc=server,
            what="upsd serves the dummy UPS",
        )
        return s.running(
            url=f"nut://127.0.0.1:{port}",
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={"ups_name": UPS_NAME, "dev_file": dev, "initial_vars": dict(INITIAL_VARS)},
        )
