"""Real Deluge 2 (Debian deluged + deluge-web) on 127.0.0.1 with a web password and torrents.

The web UI auto-connects to our daemon (``default_daemon``), so after ``auth.login`` the JSON-RPC
``web.update_ui`` already lists the torrents.

RunningService:
  url          http://127.0.0.1:WEBPORT  (JSON-RPC at ``url + "/json"``, auth.login -> cookie)
  credentials  password                  (Deluge web has no user name)
  extra        daemon_port, daemon_username, daemon_password, host_id,
               seeding_torrent/seeding_hash (state Seeding), stalled_torrent/stalled_hash
               (state Downloading, progress 0), torrent_size
"""

from __future__ import annotations

import base64
import hashlib
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
    wait_tcp,
    wait_until,
    write_text,
)
from tests.live.services._torrents import seeding_and_stalled, torrent_extra

PASSWORD = "deluge-web-secret"
DAEMON_USER = "localclient"
DAEMON_PASSWORD = "deluge-daemon-secret"
HOST_ID = "1f" * 16


def _write_conf(path: Path, body: dict[str, Any], file_version: int = 1) -> None:
    # Deluge config files are two JSON documents back to back: a version header, then the data.
    header = json.dumps({"file": file_version, "format": 1})
    write_text(path, header + json.dumps(body, indent=2))


def _configure(conf: Path, tmpdir: Path, web_port: int, daemon_port: int, peer_port: int) -> None:
    _write_conf(
        conf / "core.conf",
        {
            "dht": False,
            "upnp": False,
            "natpmp": False,
            "lsd": False,
            "utpex": False,
            "new_release_check": False,
            "send_info": False,
            "allow_remote": False,
            "daemon_port": daemon_port,
            "listen_ports": [peer_port, peer_port],
            "random_port": False,
            "listen_interface": "127.0.0.1",
            "outgoing_interface": "lo",
            "download_location": str(tmpdir / "downloads"),
            "enabled_plugins": [],
        },
    )
    write_text(conf / "auth", f"{DAEMON_USER}:{DAEMON_PASSWORD}:10\n", mode=0o600)
    _write_conf(
        conf / "hostlist.conf",
        {"hosts": [[HOST_ID, "127.0.0.1", daemon_port, DAEMON_USER, DAEMON_PASSWORD]]},
        file_version=3,
    )
    salt = hashlib.sha1(b"launcher-tui").hexdigest()
    _write_conf(
        conf / "web.conf",
        {
            "port": web_port,
            "interface": "127.0.0.1",
            "https": False,
            "pwd_salt": salt,
            "pwd_sha1": hashlib.sha1((salt + PASSWORD).encode()).hexdigest(),
            "default_daemon": HOST_ID,
            "first_login": False,
            "enabled_plugins": [],
        },
    )


class JsonRpc:
    def __init__(self, url: str) -> None:
        self.client = http_client(base_url=url)
        self.next_id = 0

    def call(self, method: str, *params: Any) -> Any:
        self.next_id += 1
        r = self.client.post(
            "/json", json={"method": method, "params": list(params), "id": self.next_id}
        )
        data = r.json()
        if data.get("error"):
            raise ServiceStartError(f"deluge {method}: {data['error']}")
        return data["result"]


def start(tmpdir: Path) -> RunningService:
    deluged = require_binary("deluged", "deluge-web")
    deluge_web = require_binary("deluge-web")
    with Starting("deluge", tmpdir) as s:
        web_port, daemon_port, peer_port = s.port(), s.port(), s.port()
        conf = tmpdir / "config"
        _configure(conf, tmpdir, web_port, daemon_port, peer_port)
        daemon = s.spawn(
            [
                deluged,
                "-d",
                "-c",
                conf,
                "-L",
                "error",
                "-u",
                "127.0.0.1",
                "-p",
                str(daemon_port),
                "-i",
                "127.0.0.1",
            ],
            log="deluged.log",
        )
        wait_tcp(daemon_port, proc=daemon)
        # only now start the web UI, so its default_daemon auto-connect finds the daemon
        web = s.spawn(
            [deluge_web, "-d", "-c", conf, "-L", "error", "-i", "127.0.0.1", "-p", str(web_port)],
            log="deluge-web.log",
        )
        url = f"http://127.0.0.1:{web_port}"
        wait_http(url + "/", proc=web)

        rpc = JsonRpc(url)
        s.on_stop(rpc.client.close)
        if rpc.call("auth.login", PASSWORD) is not True:
            raise ServiceStartError("deluge-web rejected the configured password")

        def connected() -> bool:
            if rpc.call("web.connected"):
                return True
            rpc.call("web.connect", HOST_ID)  # auto-connect may not have happened yet
            return False

        wait_until(connected, 15, interval=0.2, proc=web, what="deluge-web connects to deluged")
        seeding, stalled = seeding_and_stalled(tmpdir)
        for t in (seeding, stalled):
            rpc.call(
                "core.add_torrent_file",
                f"{t.name}.torrent",
                base64.b64encode(t.metainfo).decode(),
                {"download_location": str(t.save_dir)},
            )

        def settled() -> bool:
            # What the tests read: the states, and the progress that makes a torrent count as
            # seeding (100 %) or leeching. Deluge can say "Seeding" while the progress of the
            # check it just finished still reads below 100 (seen once on a loaded machine).
            ui = rpc.call("web.update_ui", ["name", "state", "progress"], {})
            seen = {t["name"]: (t["state"], t["progress"]) for t in ui["torrents"].values()}
            seed_state, seed_progress = seen.get(seeding.name, ("", 0.0))
            stall_state, stall_progress = seen.get(stalled.name, ("", -1.0))
            return (
                seed_state == "Seeding"
                and seed_progress >= 100.0
                and stall_state == "Downloading"
                and stall_progress == 0.0
            )

        wait_until(settled, 20, interval=0.2, proc=daemon, what="deluge torrents settle")
        rpc.call("auth.delete_session")
        return s.running(
            url=url,
            credentials={"password": PASSWORD},
            extra={
                "daemon_port": daemon_port,
                "daemon_username": DAEMON_USER,
                "daemon_password": DAEMON_PASSWORD,
                "host_id": HOST_ID,
                **torrent_extra(seeding, stalled),
            },
        )
