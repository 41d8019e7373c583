"""Real Prometheus Alertmanager (Debian prometheus-alertmanager 0.25) with two alerts posted.

Clustering is off (``--cluster.listen-address=``, else it opens a gossip port and looks for
peers) and the only receiver is a null one, so nothing is ever sent anywhere. At start the test
plays Prometheus: it POSTs two alerts to ``/api/v2/alerts`` (one ``critical``, one ``warning``),
valid for an hour, and returns once the API lists both as active.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  {}                             (Alertmanager has no auth of its own)
  extra        alerts: [{"alertname", "severity", "instance", "summary"}, ...]
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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

CONFIG = """route:
  receiver: "null"
  group_wait: 1h
receivers:
  - name: "null"
"""
ALERTS = [
    {"alertname": "DiskFull", "severity": "critical", "instance": "nas:9100",
     "summary": "/srv is 98% full"},
    {"alertname": "BackupLate", "severity": "warning", "instance": "backup:9100",
     "summary": "last backup 30 h ago"},
]  # fmt: skip


def _posted(alert: dict[str, str]) -> dict[str, object]:
    now = datetime.now(UTC)
    labels = {k: alert[k] for k in ("alertname", "severity", "instance")} | {"job": "node"}
    return {
        "labels": labels,
        "annotations": {"summary": alert["summary"]},
        "startsAt": (now - timedelta(minutes=5)).isoformat(),
        "endsAt": (now + timedelta(hours=1)).isoformat(),
    }


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("prometheus-alertmanager")
    with Starting("alertmanager", tmpdir) as s:
        port = s.port()
        conf = write_text(tmpdir / "alertmanager.yml", CONFIG)
        proc = s.spawn(
            [
                exe, f"--config.file={conf}", f"--storage.path={tmpdir / 'data'}",
                f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
                "--log.level=warn",
            ],
            log="alertmanager.log",
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/-/ready", proc=proc)
        with http_client(base_url=url) as client:
            r = client.post("/api/v2/alerts", json=[_posted(a) for a in ALERTS])
            if r.status_code != 200:
                raise ServiceStartError(f"alertmanager POST alerts: HTTP {r.status_code} {r.text}")

            def listed() -> bool:
                active = client.get("/api/v2/alerts", params={"active": "true"}).json()
                return {a["labels"]["alertname"] for a in active} == {
                    a["alertname"] for a in ALERTS
                }

            wait_until(listed, 30, proc=proc, what="alertmanager alerts")
        return s.running(url=url, extra={"alerts": ALERTS})
