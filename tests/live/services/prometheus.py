"""Real Prometheus 2 (Debian) on 127.0.0.1 scraping one target that is up and one that is down.

Jobs: ``prometheus`` (itself), ``node`` (a node exporter we start) and ``down-on-purpose`` (a free
port nothing listens on). A rule ``TargetDown`` (``up == 0``) fires for the down target. Scrape and
evaluation intervals are 1 s, but Prometheus only applies its target list on a 5 s discovery
tick, so the first scrape results appear ~6 s after start. ``start()`` returns only once every
piece of data the tests read is there (see :func:`_readiness`: an ``up`` sample of each of the
three jobs, Prometheus's own included, every target's health, a node exporter series, the
alert firing); a timeout names each piece that never appeared.

RunningService:
  url          http://127.0.0.1:PORT   (HTTP API at ``url + "/api/v1/..."``, no auth)
  credentials  {}
  extra        node_exporter_url, up_job ("node"), up_target, down_job ("down-on-purpose"),
               down_target ("127.0.0.1:P"), alert_name ("TargetDown")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from tests.live.harness import (
    RunningService,
    Starting,
    free_port,
    http_client,
    require_binary,
    wait_http,
    wait_ready,
    write_text,
)
from tests.live.services import node_exporter

UP_JOB = "node"
DOWN_JOB = "down-on-purpose"
ALERT = "TargetDown"

RULES = f"""groups:
  - name: launcher-tui-tests
    rules:
      - alert: {ALERT}
        expr: up == 0
        labels: {{severity: warning}}
        annotations: {{summary: "{{{{ $labels.instance }}}} is down"}}
"""


def _config(rules: Path, self_target: str, up_target: str, down_target: str) -> str:
    return f"""global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files: ["{rules}"]
scrape_configs:
  - job_name: prometheus
    static_configs: [{{targets: ["{self_target}"]}}]
  - job_name: {UP_JOB}
    static_configs: [{{targets: ["{up_target}"]}}]
  - job_name: {DOWN_JOB}
    static_configs: [{{targets: ["{down_target}"]}}]
"""


def _readiness(client: httpx.Client, up: dict[str, str]) -> dict[str, Callable[[], bool]]:
    """What the tests read, one check each: an ``up`` sample of every job with its expected
    value (Prometheus's own job included), every target's health in the targets API, a node
    exporter series, and the alert firing."""

    def up_sample(job: str, value: str) -> Callable[[], bool]:
        def check() -> bool:
            query = {"query": f'up{{job="{job}"}}'}
            result = client.get("/api/v1/query", params=query).json()["data"]["result"]
            return [r["value"][1] for r in result] == [value]

        return check

    def target_health() -> bool:
        active = client.get("/api/v1/targets").json()["data"]["activeTargets"]
        health = {t["labels"]["job"]: t["health"] for t in active}
        return health == {job: "up" if v == "1" else "down" for job, v in up.items()}

    def node_series() -> bool:
        result = client.get("/api/v1/query", params={"query": "node_load1"}).json()["data"]
        return bool(result["result"])

    def alert_firing() -> bool:
        alerts = client.get("/api/v1/alerts").json()["data"]["alerts"]
        return any(a["labels"].get("alertname") == ALERT and a["state"] == "firing" for a in alerts)

    checks: dict[str, Callable[[], bool]] = {
        f'up{{job="{job}"}} == {value}': up_sample(job, value) for job, value in up.items()
    }
    checks["every target's health in /api/v1/targets"] = target_health
    checks["node_load1 from the node exporter"] = node_series
    checks[f"alert {ALERT} firing"] = alert_firing
    return checks


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("prometheus", "prometheus-node-exporter")
    with Starting("prometheus", tmpdir) as s:
        port, ne_port = s.port(), s.port()
        self_target, up_target = f"127.0.0.1:{port}", f"127.0.0.1:{ne_port}"
        down_target = f"127.0.0.1:{free_port()}"  # never bound
        rules = write_text(tmpdir / "rules.yml", RULES)
        conf = write_text(
            tmpdir / "prometheus.yml", _config(rules, self_target, up_target, down_target)
        )
        node_exporter.spawn(s, ne_port)
        proc = s.spawn(
            [
                exe,
                f"--config.file={conf}",
                f"--storage.tsdb.path={tmpdir / 'data'}",
                f"--web.listen-address={self_target}",
                "--log.level=warn",
            ],
            log="prometheus.log",
        )
        url = f"http://{self_target}"
        wait_http(url + "/-/ready", ok_statuses={200}, timeout=60, proc=proc)
        with http_client(base_url=url) as client:
            wait_ready(
                _readiness(client, {"prometheus": "1", UP_JOB: "1", DOWN_JOB: "0"}),
                timeout=90,
                proc=proc,
                what="prometheus",
            )
        return s.running(
            url=url,
            extra={
                "node_exporter_url": f"http://{up_target}",
                "up_job": UP_JOB,
                "up_target": up_target,
                "down_job": DOWN_JOB,
                "down_target": down_target,
                "alert_name": ALERT,
            },
        )
