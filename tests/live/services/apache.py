"""Real Apache httpd (Debian apache2) on 127.0.0.1 with mod_status at ``/server-status``.

A self-contained httpd.conf in the temp dir (nothing from /etc/apache2): event MPM with 4
workers, ``ExtendedStatus On``, the status page restricted to 127.0.0.1. As root, Apache needs
``User www-data`` for its workers (mod_unixd is built in, so it is not loaded). Those workers
cannot enter pytest's 0700 temp root, and Apache checks every component of the document root
even for /server-status, so the document root is a world-readable directory of its own
(removed on stop).

RunningService:
  url          http://127.0.0.1:PORT
  credentials  {}
  extra        status_path ("/server-status"), workers (MaxRequestWorkers)
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.live.harness import RunningService, Starting, require_binary, wait_http, write_text

MODULES = Path("/usr/lib/apache2/modules")
STATUS_PATH = "/server-status"
WORKERS = 4


def _config(tmpdir: Path, port: int, docroot: Path) -> str:
    loads = "\n".join(
        f"LoadModule {name}_module {MODULES}/mod_{name}.so"
        for name in ("mpm_event", "authz_core", "authz_host", "status", "mime")
    )
    return f"""ServerRoot {tmpdir}
ServerName localhost
Listen 127.0.0.1:{port}
PidFile {tmpdir}/httpd.pid
DefaultRuntimeDir {tmpdir}
ErrorLog {tmpdir}/error.log
LogLevel warn
{loads}
TypesConfig /etc/mime.types
<IfModule unixd_module>
  User www-data
  Group www-data
</IfModule>
StartServers 1
ServerLimit 1
ThreadsPerChild {WORKERS}
MaxRequestWorkers {WORKERS}
DocumentRoot {docroot}
ExtendedStatus On
<Location {STATUS_PATH}>
  SetHandler server-status
  Require ip 127.0.0.1
</Location>
"""


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("apache2")
    with Starting("apache", tmpdir) as s:
        port = s.port()
        docroot = Path(tempfile.mkdtemp(prefix="launcher-tui-apache-"))
        s.on_stop(lambda: shutil.rmtree(docroot, ignore_errors=True))
        docroot.chmod(0o755)
        write_text(docroot / "index.html", "hello from apache\n").chmod(0o644)
        conf = write_text(tmpdir / "httpd.conf", _config(tmpdir, port, docroot))
        proc = s.spawn([exe, "-f", conf, "-DFOREGROUND"], log="apache2.log")
        url = f"http://127.0.0.1:{port}"
        wait_http(f"{url}{STATUS_PATH}?auto", proc=proc)
        return s.running(url=url, extra={"status_path": STATUS_PATH, "workers": WORKERS})
