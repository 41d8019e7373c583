"""Real transmission-daemon (Debian) on 127.0.0.1 with Basic auth and two local torrents.

RunningService:
  url          http://127.0.0.1:PORT   (RPC endpoint: ``url + "/transmission/rpc"``)
  credentials  username, password       (HTTP Basic; plus the 409 X-Transmission-Session-Id dance)
  extra        rpc_path, seeding_torrent/seeding_hash (status 6 = seeding),
               stalled_torrent/stalled_hash (status 4 = downloading, 0 %), torrent_size
"""

from __future__ import annotations

import base64
import json
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
from tests.live.services._torrents import seeding_and_stalled, torrent_extra

USERNAME = "admin"
PASSWORD = "transmission-secret"
RPC_PATH = "/transmission/rpc"
SESSION_HEADER = "X-Transmission-Session-Id"


class RpcClient:
    """Just enough of the RPC protocol to seed the daemon (the product has its own client)."""

    def __init__(self, url: str) -> None:
        self.url = url + RPC_PATH
        self.client = http_client(auth=(USERNAME, PASSWORD))
        self.session_id = ""

    def call(self, method: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
        body = {"method": method, "arguments": arguments or {}}
        for _ in range(2):
            r = self.client.post(self.url, json=body, headers={SESSION_HEADER: self.session_id})
            if r.status_code == 409:  # CSRF handshake: adopt the id it hands us and retry
                self.session_id = r.headers[SESSION_HEADER]
                continue
            r.raise_for_status()
            data: dict[str, Any] = r.json()
            if data.get("result") != "success":
                raise ServiceStartError(f"transmission {method}: {data.get('result')}")
            return data
        raise ServiceStartError("transmission kept answering 409")

    def close(self) -> None:
        self.client.close()


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("transmission-daemon")
    with Starting("transmission", tmpdir) as s:
        port, peer_port = s.port(), s.port()
        settings = {
            "rpc-enabled": True,
            "rpc-bind-address": "127.0.0.1",
            "rpc-port": port,
            "rpc-authentication-required": True,
            "rpc-username": USERNAME,
            "rpc-password": PASSWORD,  # plain text here; the daemon rewrites it salted on save
            "rpc-whitelist-enabled": True,
            "rpc-whitelist": "127.0.0.1",
            "rpc-host-whitelist-enabled": False,
            "bind-address-ipv4": "127.0.0.1",
            "bind-address-ipv6": "::1",
            "peer-port": peer_port,
            "peer-port-random-on-start": False,
            "port-forwarding-enabled": False,
            "dht-enabled": False,
            "lpd-enabled": False,
            "pex-enabled": False,
            "utp-enabled": False,
            "blocklist-enabled": False,
            "download-dir": str(tmpdir / "downloads"),
            "incomplete-dir-enabled": False,
            "watch-dir-enabled": False,
            "message-level": 1,
        }
        write_text(tmpdir / "config" / "settings.json", json.dumps(settings, indent=1))
        proc = s.spawn([exe, "-f", "-g", tmpdir / "config", "--log-error"], log="transmission.log")
        url = f"http://127.0.0.1:{port}"
        wait_http(url + RPC_PATH, ok_statuses={401, 409}, proc=proc)

        seeding, stalled = seeding_and_stalled(tmpdir)
        rpc = RpcClient(url)
        s.on_stop(rpc.close)
        for t in (seeding, stalled):
            rpc.call(
                "torrent-add",
                {
                    "metainfo": base64.b64encode(t.metainfo).decode(),
                    "download-dir": str(t.save_dir),
                },
            )

        def settled() -> bool:
            got = rpc.call("torrent-get", {"fields": ["name", "status"]})["arguments"]["torrents"]
            by_name = {t["name"]: t["status"] for t in got}
            return by_name.get(seeding.name) == 6 and by_name.get(stalled.name) == 4

        wait_until(settled, 20, interval=0.2, proc=proc, what="transmission torrents settle")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={"rpc_path": RPC_PATH, **torrent_extra(seeding, stalled)},
        )
