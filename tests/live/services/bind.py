"""Real BIND 9 (Debian bind9) authoritative for one zone, with its JSON statistics channel.

``named -g`` (foreground, logs to stderr) with everything in the temp dir; no rndc control
channel, no recursion, IPv4 only. named keeps the user it was started as (no ``-u bind``): the
``bind`` user could not reach a zone file under pytest's 0700 temp root.

RunningService:
  url          http://127.0.0.1:PORT           (statistics channel: /json/v1/server)
  credentials  {}                               (an allow list, as usual)
  extra        dns_port, zone ("example.test"), host ("www.example.test")
"""

from __future__ import annotations

from pathlib import Path

from tests.live.harness import RunningService, Starting, require_binary, wait_http, write_text

ZONE, HOST = "example.test", "www.example.test"
ZONE_FILE = f"""$TTL 300
@   IN SOA ns1.{ZONE}. hostmaster.{ZONE}. ( 2024010101 3600 600 86400 300 )
    IN NS  ns1.{ZONE}.
ns1 IN A   127.0.0.1
www IN A   127.0.0.1
"""


def _config(tmpdir: Path, port: int, dns_port: int) -> str:
    return f"""options {{
  directory "{tmpdir}";
  pid-file "{tmpdir}/named.pid";
  session-keyfile "{tmpdir}/session.key";
  managed-keys-directory "{tmpdir}";
  listen-on port {dns_port} {{ 127.0.0.1; }};
  listen-on-v6 {{ none; }};
  recursion no;
  allow-query {{ 127.0.0.1; }};
  dnssec-validation no;
}};
controls {{ }};
statistics-channels {{ inet 127.0.0.1 port {port} allow {{ 127.0.0.1; }}; }};
zone "{ZONE}" {{ type primary; file "{tmpdir}/{ZONE}.zone"; }};
"""


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("named")
    with Starting("bind", tmpdir) as s:
        port, dns_port = s.port(), s.port()
        write_text(tmpdir / f"{ZONE}.zone", ZONE_FILE)
        conf = write_text(tmpdir / "named.conf", _config(tmpdir, port, dns_port))
        proc = s.spawn([exe, "-g", "-4", "-c", conf], log="named.log")
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/json/v1/server", proc=proc)
        return s.running(url=url, extra={"dns_port": dns_port, "zone": ZONE, "host": HOST})
