"""Real Netdata 1.37 (Debian) on 127.0.0.1 with an in-memory database and only core plugins.

Why the config looks like this: as root Netdata drops privileges to the ``netdata`` user unless
``run as user`` is set, and then cannot write to our temp dir; anonymous statistics are disabled
(opt-out file + DO_NOT_TRACK) so it never tries to phone home; only the ``proc`` and
``diskspace`` collectors run. Right after start samples are null/0, so ``start()`` waits until
``system.cpu`` has a real (non-null) data point and ``system.ram``'s ``used`` one above 0.

RunningService:
  url          http://127.0.0.1:PORT   (API at ``url + "/api/v1/..."``, no auth)
  credentials  {}
  extra        hostname ("launcher-netdata"), chart ("system.cpu", known to have data)
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    http_client,
    require_binary,
    require_path,
    wait_http,
    wait_until,
    write_text,
)

HOSTNAME = "launcher-netdata"
CHART = "system.cpu"
DISABLED_PLUGINS = [
    *("cgroups", "tc", "idlejitter", "checks", "timex", "apps", "python.d", "charts.d"),
    *("go.d", "ebpf", "perf", "slabinfo", "fping", "ioping", "nfacct", "cups", "freeipmi"),
]


def _config(tmpdir: Path, port: int) -> str:
    user = "root" if os.geteuid() == 0 else getpass.getuser()
    plugins = "\n".join(f"    {p} = no" for p in DISABLED_PLUGINS)
    return f"""[global]
    run as user = {user}
    hostname = {HOSTNAME}
    process scheduling policy = keep
[db]
    mode = ram
    retention = 600
    update every = 1
[directories]
    config = {tmpdir}/etc
    stock config = /usr/lib/netdata/conf.d
    log = {tmpdir}/log
    cache = {tmpdir}/cache
    lib = {tmpdir}/lib
    home = {tmpdir}
    plugins = /usr/lib/netdata/plugins.d
    web = /usr/share/netdata/web
[logs]
    debug log = none
    error log = {tmpdir}/log/error.log
    access log = none
[web]
    bind to = 127.0.0.1:{port}
[registry]
    enabled = no
[ml]
    enabled = no
[health]
    enabled = yes
    script to execute on alarm = /bin/true
[statsd]
    enabled = no
[plugins]
    enable running new plugins = no
    check for new plugins every = 3600
    proc = yes
    diskspace = yes
{plugins}
"""


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("netdata")
    require_path("/usr/share/netdata/web")
    with Starting("netdata", tmpdir) as s:
        port = s.port()
        for d in ("etc", "cache", "lib", "log"):
            (tmpdir / d).mkdir(parents=True, exist_ok=True)
        write_text(tmpdir / "etc" / ".opt-out-from-anonymous-statistics", "")
        conf = write_text(tmpdir / "netdata.conf", _config(tmpdir, port))
        proc = s.spawn(
            [exe, "-D", "-c", conf],
            log="netdata.log",
            env={"DO_NOT_TRACK": "1", "NETDATA_DISABLE_CLOUD": "1"},
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/api/v1/info", ok_statuses={200}, proc=proc)
        with http_client(base_url=url) as client:

            def latest(chart: str, dimension: str | None = None) -> list[float | None]:
                params = {"chart": chart, "after": -2, "points": 1, "format": "array"}
                if dimension:
                    params["dimension"] = dimension
                r = client.get("/api/v1/data", params=params)
                return r.json() if r.status_code == 200 else []

            def has_samples() -> bool:
                # every chart the tests read: system.cpu (any real value) and system.ram's
                # "used" (above 0; its first samples read 0 under load)
                cpu = any(v is not None for v in latest(CHART))
                return cpu and any(v for v in latest("system.ram", "used"))

            wait_until(
                has_samples, 60, interval=0.2, proc=proc, what="netdata has cpu and ram samples"
            )
        return s.running(url=url, extra={"hostname": HOSTNAME, "chart": CHART})
