"""Real Icecast 2.4 (Debian icecast2) with one live source on ``/live.mp3``.

The test plays the source client (like ices or butt would): ``PUT /live.mp3`` with the source
password and a stream of silent MPEG frames from a thread, until the service stops. Start-up
returns once status-json.xsl lists the mount. As root Icecast insists on ``<changeowner>``; its
log dir then has to be writable by ``icecast2``, which cannot reach pytest's 0700 temp root, so
the logs go to a directory of their own (removed on stop).

RunningService:
  url          http://127.0.0.1:PORT
  credentials  {}                        (status-json.xsl is public)
  extra        mount ("/live.mp3"), stream_name, genre, admin_user, admin_password
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    require_binary,
    wait_http,
    wait_until,
    write_text,
)

ADMIN_PASSWORD = "icecast-admin-secret"
SOURCE_PASSWORD = "icecast-source-secret"
MOUNT = "/live.mp3"
STREAM_NAME = "Launcher Radio"
GENRE = "Test"
FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413  # an MPEG-1 layer III frame header + silence


def _config(port: int, logdir: Path, as_root: bool) -> str:
    owner = "<changeowner><user>icecast2</user><group>icecast</group></changeowner>"
    return f"""<icecast>
  <location>Test</location><admin>admin@localhost</admin>
  <limits><clients>10</clients><sources>2</sources></limits>
  <authentication>
    <source-password>{SOURCE_PASSWORD}</source-password>
    <relay-password>{SOURCE_PASSWORD}</relay-password>
    <admin-user>admin</admin-user><admin-password>{ADMIN_PASSWORD}</admin-password>
  </authentication>
  <hostname>localhost</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>/usr/share/icecast2</basedir>
    <logdir>{escape(str(logdir))}</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>{owner if as_root else ""}</security>
</icecast>
"""


class Source:
    """A source client feeding MOUNT until :meth:`close`."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        auth = base64.b64encode(f"source:{SOURCE_PASSWORD}".encode()).decode()
        request = (
            f"PUT {MOUNT} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {auth}\r\n"
            f"Content-Type: audio/mpeg\r\nIce-Name: {STREAM_NAME}\r\nIce-Genre: {GENRE}\r\n"
            "Ice-Description: live test stream\r\nIce-Public: 0\r\nExpect: 100-continue\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        answer = self.sock.recv(1024)
        if b" 100 " not in answer and b" 200 " not in answer:
            raise ServiceStartError(f"icecast refused the source: {answer!r}")
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        while not self.stopped.wait(0.1):  # ~10 x 4 frames a second, a trickle of "audio"
            try:
                self.sock.sendall(FRAME * 4)
            except OSError:
                return

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(5)
        with contextlib.suppress(OSError):
            self.sock.close()


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("icecast2")
    as_root = os.geteuid() == 0
    with Starting("icecast", tmpdir) as s:
        port = s.port()
        logdir = Path(tempfile.mkdtemp(prefix="launcher-tui-icecast-"))
        s.on_stop(lambda: shutil.rmtree(logdir, ignore_errors=True))
        if as_root:
            shutil.chown(logdir, "icecast2", "icecast")
        conf = write_text(tmpdir / "icecast.xml", _config(port, logdir, as_root))
        proc = s.spawn([exe, "-c", conf], log="icecast.log")
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/status-json.xsl", proc=proc)
        source = Source(port)
        s.before_stop(source.close)
        with http_client() as client:

            def on_air() -> bool:
                return MOUNT.encode() in client.get(url + "/status-json.xsl").content

            wait_until(on_air, 30, proc=proc, what="icecast source on air")
        return s.running(
            url=url,
            extra={
                "mount": MOUNT,
                "stream_name": STREAM_NAME,
                "genre": GENRE,
                "admin_user": "admin",
                "admin_password": ADMIN_PASSWORD,
            },
        )
