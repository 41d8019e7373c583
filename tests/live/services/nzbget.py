"""Real NZBGet (Debian) on 127.0.0.1 with Basic auth and one paused NZB in the queue.

There is no news server (Server1 is disabled and points at the discard port), so the queued
item stays PAUSED: the queue is never empty and nothing leaves the machine.

Quirk worth knowing for clients: NZBGet 21 answers 401 with ``Connection: keep-alive`` and then
closes that connection, so the next request on a pooled connection fails with
``RemoteProtocolError`` (seen with httpx). Retry once on a fresh connection, or don't reuse one
after a 401.

RunningService:
  url          http://127.0.0.1:PORT   (JSON-RPC at ``url + "/jsonrpc"``)
  credentials  username, password       (HTTP Basic)
  extra        queued_nzb (NZB name as NZBGet lists it), queued_nzb_id (NZBID),
               queued_size_bytes (declared segment bytes)
"""

from __future__ import annotations

import base64
import gzip
from pathlib import Path
from typing import Any

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    require_binary,
    require_path,
    wait_http,
    write_text,
)

USERNAME = "nzbget"
PASSWORD = "nzbget-secret"
TEMPLATE = "/usr/share/doc/nzbget/examples/nzbget.conf.gz"
NZB_NAME = "Test.Linux.Distro.ISO"
SEGMENT_BYTES = 768_000
NZB = f"""<?xml version="1.0" encoding="UTF-8"?>
<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
 <file poster="tester@example.invalid" date="1700000000"
       subject="{NZB_NAME} &quot;distro.iso&quot; yEnc (1/1)">
  <groups><group>alt.binaries.test</group></groups>
  <segments><segment bytes="{SEGMENT_BYTES}" number="1">part1of1@example.invalid</segment></segments>
 </file>
</nzb>
"""


def _config(tmpdir: Path, port: int) -> str:
    """The packaged example config with our overrides (it documents and defaults every key)."""
    overrides = {
        "MainDir": str(tmpdir / "main"),
        "LogFile": str(tmpdir / "main" / "nzbget.log"),
        "ControlIP": "127.0.0.1",
        "ControlPort": str(port),
        "ControlUsername": USERNAME,
        "ControlPassword": PASSWORD,
        "UpdateCheck": "none",
        "OutputMode": "log",
        "DaemonUsername": "root",
        "WebDir": "/usr/share/nzbget/webui",
        "ConfigTemplate": "/usr/share/nzbget/webui/nzbget.conf",
        "Server1.Active": "no",
        "Server1.Host": "127.0.0.1",
        "Server1.Port": "9",
    }
    lines = []
    with gzip.open(require_path(TEMPLATE), "rt") as f:
        for line in f.read().splitlines():
            key = line.split("=", 1)[0]
            lines.append(
                f"{key}={overrides.pop(key)}" if "=" in line and key in overrides else line
            )
    lines += [f"{k}={v}" for k, v in overrides.items()]
    return "\n".join(lines) + "\n"


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("nzbget")
    with Starting("nzbget", tmpdir) as s:
        port = s.port()
        conf = write_text(tmpdir / "nzbget.conf", _config(tmpdir, port))
        (tmpdir / "main").mkdir(exist_ok=True)
        proc = s.spawn([exe, "-s", "-c", conf], log="nzbget-stdout.log")
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/jsonrpc/version", ok_statuses={200}, proc=proc, auth=(USERNAME, PASSWORD))

        client = http_client(base_url=url, auth=(USERNAME, PASSWORD))
        s.on_stop(client.close)

        def rpc(method: str, *params: Any) -> Any:
            body = {"method": method, "params": list(params), "id": 1}
            data = client.post("/jsonrpc", json=body).json()
            if data.get("error"):
                raise ServiceStartError(f"nzbget {method}: {data['error']}")
            return data["result"]

        # append(NZBFilename, Content, Category, Priority, AddToTop, AddPaused, DupeKey,
        #        DupeScore, DupeMode, PPParameters) -> NZBID (> 0 on success)
        nzb_id = rpc(
            "append",
            f"{NZB_NAME}.nzb",
            base64.b64encode(NZB.encode()).decode(),
            "",
            0,
            False,
            True,
            "",
            0,
            "SCORE",
            [],
        )
        if not isinstance(nzb_id, int) or nzb_id <= 0:
            raise ServiceStartError(f"nzbget append returned {nzb_id!r}")
        groups = rpc("listgroups", 0)
        queued = [g for g in groups if g["NZBID"] == nzb_id]
        if not queued:
            raise ServiceStartError(f"nzbget queue does not list the appended NZB: {groups!r}")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={
                "queued_nzb": queued[0]["NZBName"],
                "queued_nzb_id": nzb_id,
                "queued_size_bytes": SEGMENT_BYTES,
            },
        )
