"""Real PowerDNS Authoritative (Debian pdns-server + sqlite3 backend) with its HTTP API.

The sqlite database is created from the packaged schema; one zone (``example.test.`` with
``www`` → 127.0.0.1) is created through the API at start, so queries get real answers.
``security-poll-suffix=`` (empty) stops the start-up security-status DNS lookup.

RunningService:
  url          http://127.0.0.1:PORT           (API under /api/v1)
  credentials  api_key                          (X-API-Key)
  extra        dns_port (UDP/TCP on 127.0.0.1), zone ("example.test."), host ("www.example.test")
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

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

API_KEY = "pdns-secret-key"
SCHEMA = "/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"
ZONE, HOST = "example.test.", "www.example.test"


def _config(tmpdir: Path, port: int, dns_port: int) -> str:
    return f"""launch=gsqlite3
gsqlite3-database={tmpdir}/pdns.sqlite3
local-address=127.0.0.1
local-port={dns_port}
api=yes
api-key={API_KEY}
webserver=yes
webserver-address=127.0.0.1
webserver-port={port}
webserver-allow-from=127.0.0.1
security-poll-suffix=
guardian=no
daemon=no
disable-syslog=yes
socket-dir={tmpdir}
loglevel=4
"""


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("pdns_server")
    schema = require_path(SCHEMA).read_text()
    with Starting("powerdns", tmpdir) as s:
        port, dns_port = s.port(), s.port()
        with sqlite3.connect(tmpdir / "pdns.sqlite3") as db:
            db.executescript(schema)
        write_text(tmpdir / "pdns.conf", _config(tmpdir, port, dns_port))
        proc = s.spawn([exe, f"--config-dir={tmpdir}"], log="pdns.log")
        url = f"http://127.0.0.1:{port}"
        headers = {"X-API-Key": API_KEY}
        wait_http(url + "/api/v1/servers/localhost", proc=proc, headers=headers)
        zone = {
            "name": ZONE,
            "kind": "Native",
            "nameservers": [f"ns1.{ZONE}"],
            "rrsets": [
                {"name": f"{HOST}.", "type": "A", "ttl": 300,
                 "records": [{"content": "127.0.0.1", "disabled": False}]},
            ],
        }  # fmt: skip
        with http_client(headers=headers) as client:
            r = client.post(url + "/api/v1/servers/localhost/zones", json=zone)
        if r.status_code != 201:
            raise ServiceStartError(f"pdns: creating {ZONE}: HTTP {r.status_code} {r.text}")
        return s.running(
            url=url,
            credentials={"api_key": API_KEY},
            extra={"dns_port": dns_port, "zone": ZONE, "host": HOST},
        )
