"""Real qbittorrent-nox (Debian, Web API v2) on 127.0.0.1 with a known login and two torrents.

RunningService:
  url          http://127.0.0.1:PORT   (POST /api/v2/auth/login -> SID cookie)
  credentials  username, password
  extra        seeding_torrent/seeding_hash (state stalledUP), stalled_torrent/stalled_hash
               (state stalledDL, progress 0), torrent_size
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

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
PASSWORD = "qbittorrent-secret"
SEEDING_STATES = {"stalledUP", "uploading", "queuedUP", "pausedUP"}
STALLED_STATES = {"stalledDL", "downloading", "metaDL", "queuedDL"}


def password_pbkdf2(password: str) -> str:
    """qBittorrent's WebUI\\Password_PBKDF2 value: PBKDF2-HMAC-SHA512, 100000 rounds."""
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 100_000, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def _config(tmpdir: Path, port: int, peer_port: int) -> str:
    lines = [
        "[LegalNotice]",
        "Accepted=true",  # otherwise it waits for "y" on stdin
        "",
        "[BitTorrent]",
        "Session\\DHTEnabled=false",
        "Session\\LSDEnabled=false",
        "Session\\PeXEnabled=false",
        "Session\\AddTrackersEnabled=false",
        "Session\\Interface=lo",
        "Session\\InterfaceName=lo",
        "Session\\InterfaceAddress=127.0.0.1",
        f"Session\\Port={peer_port}",
        f"Session\\DefaultSavePath={tmpdir / 'downloads'}",
        "",
        "[Preferences]",
        "Connection\\UPnP=false",
        "Connection\\ResolvePeerCountries=false",
        "General\\Locale=en",
        "WebUI\\Enabled=true",
        "WebUI\\Address=127.0.0.1",
        f"WebUI\\Port={port}",
        f"WebUI\\Username={USERNAME}",
        f'WebUI\\Password_PBKDF2="{password_pbkdf2(PASSWORD)}"',
        "WebUI\\HostHeaderValidation=false",
        # keep auth on for loopback too, so wrong credentials are really rejected
        "WebUI\\LocalHostAuth=true",
        "",
    ]
    return "\n".join(lines)


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("qbittorrent-nox")
    with Starting("qbittorrent", tmpdir) as s:
        port, peer_port = s.port(), s.port()
        profile = tmpdir / "profile"
        write_text(
            profile / "qBittorrent" / "config" / "qBittorrent.conf",
            _config(tmpdir, port, peer_port),
        )
        proc = s.spawn(
            [exe, f"--profile={profile}", f"--webui-port={port}"],
            log="qbittorrent.log",
            env={"HOME": str(tmpdir)},
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/api/v2/app/version", ok_statuses={200, 403}, proc=proc)

        seeding, stalled = seeding_and_stalled(tmpdir)
        client = http_client(base_url=url)
        s.on_stop(client.close)
        login = client.post("/api/v2/auth/login", data={"username": USERNAME, "password": PASSWORD})
        if login.text != "Ok.":
            raise ServiceStartError(f"qbittorrent login failed: {login.status_code} {login.text}")
        for t in (seeding, stalled):
            r = client.post(
                "/api/v2/torrents/add",
                data={"savepath": str(t.save_dir)},
                files={"torrents": (f"{t.name}.torrent", t.metainfo, "application/x-bittorrent")},
            )
            if r.status_code != 200 or r.text.strip() != "Ok.":
                raise ServiceStartError(f"qbittorrent add {t.name}: {r.status_code} {r.text}")

        def settled() -> bool:
            states = {t["name"]: t["state"] for t in client.get("/api/v2/torrents/info").json()}
            return (
                states.get(seeding.name) in SEEDING_STATES
                and states.get(stalled.name) in STALLED_STATES
            )

        wait_until(settled, 20, interval=0.2, proc=proc, what="qbittorrent torrents settle")
        client.post("/api/v2/auth/logout")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra=torrent_extra(seeding, stalled),
        )
