"""Real aria2 (Debian aria2c) with JSON-RPC behind a secret, one download active and one paused.

Downloads come from a tiny HTTP server in this process: ``/distro.iso`` declares SIZE bytes, sends
the first HALF and then holds the connection open until the service stops. So the active
download sits at a known 50 % for as long as the test needs (no race with it finishing, however
busy the machine), and nothing leaves loopback. A second URI is added paused (``waiting``).
``--timeout=600`` keeps aria2 from dropping the stalled connection during a test run.

RunningService:
  url          http://127.0.0.1:PORT            (JSON-RPC at /jsonrpc)
  credentials  secret                            (--rpc-secret)
  extra        active_name, active_gid, paused_name, paused_gid, size, completed
"""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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

SECRET = "aria2-rpc-secret"
SIZE = 1 << 20
HALF = SIZE // 2
ACTIVE, PAUSED = "distro.iso", "paused.iso"


class StallingServer:
    """Serves any path as a SIZE-byte file but sends only up to HALF of it, then waits for close().

    Ranges are honoured, so a paused and resumed download carries on (and stalls at HALF again).
    """

    def __init__(self) -> None:
        released = self.released = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                # a resumed download (after pause/unpause) asks for the rest with a Range
                match = re.fullmatch(r"bytes=(\d+)-\d*", self.headers.get("Range") or "")
                first = int(match.group(1)) if match else 0
                self.send_response(206 if match else 200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("Content-Length", str(SIZE - first))
                if match:
                    self.send_header("Content-Range", f"bytes {first}-{SIZE - 1}/{SIZE}")
                self.end_headers()
                self.wfile.write(b"\0" * max(0, HALF - first))
                self.wfile.flush()
                released.wait(600)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("aria2c")
    with Starting("aria2", tmpdir) as s:
        port = s.port()
        files = StallingServer()
        s.on_stop(files.close)
        session = write_text(tmpdir / "aria2.session", "")
        proc = s.spawn(
            [
                exe, "--enable-rpc", "--rpc-listen-all=false", f"--rpc-listen-port={port}",
                f"--rpc-secret={SECRET}", f"--dir={tmpdir / 'downloads'}", "--no-conf",
                f"--input-file={session}", "--disable-ipv6", "--enable-dht=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--timeout=600",
                "--max-tries=1", "--file-allocation=none", "--quiet",
            ],
            log="aria2.log",
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/jsonrpc", ok_statuses={200, 400, 405}, proc=proc)
        with http_client(base_url=url) as client:

            def rpc(method: str, *params: Any) -> Any:
                body = {"jsonrpc": "2.0", "id": "live", "method": f"aria2.{method}",
                        "params": [f"token:{SECRET}", *params]}  # fmt: skip
                answer = client.post("/jsonrpc", json=body).json()
                if "error" in answer:
                    raise ServiceStartError(f"aria2 {method}: {answer['error']}")
                return answer["result"]

            active = rpc("addUri", [f"{files.url}/{ACTIVE}"], {"out": ACTIVE})
            paused = rpc("addUri", [f"{files.url}/{PAUSED}"], {"out": PAUSED, "pause": "true"})

            def half_done() -> bool:
                status = rpc("tellStatus", active, ["status", "completedLength", "totalLength"])
                return status == {
                    "status": "active",
                    "completedLength": str(HALF),
                    "totalLength": str(SIZE),
                }

            wait_until(half_done, 60, proc=proc, what="aria2 download at 50 %")
        return s.running(
            url=url,
            credentials={"secret": SECRET},
            extra={
                "active_name": ACTIVE, "active_gid": active,
                "paused_name": PAUSED, "paused_gid": paused,
                "size": SIZE, "completed": HALF,
            },
        )  # fmt: skip
