"""Docker against a real dockerd (Debian docker.io) on its own socket in a temp dir.

The engine has ``web`` running and ``crashed`` exited with code 3 (tests/live/services/docker.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from integrations.errors import ConfigError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("docker")
docker = service_fixture("docker")


def target(svc: RunningService, **config: Any) -> Target:
    return Target("d", "Docker", svc.url, "docker", config=config, timeout=15)


async def test_connection(docker: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(docker))
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith("Docker 20.10") and "API 1.4" in outcome.summary


async def test_wrong_socket(docker: RunningService, runtime: Runtime) -> None:
    # the engine has no credentials: the failure mode is a wrong endpoint
    outcome = await runtime.test_connection(target(docker, docker_host=docker.url + ".missing"))
    assert isinstance(outcome.error, UnreachableError)


async def test_counts_and_list(docker: RunningService, runtime: Runtime) -> None:
    tgt = target(docker)
    stats = {s.label: s.value for s in (await fetch(runtime, tgt, "containers")).data.stats}
    assert (stats["Running"], stats["Stopped"], stats["Total"]) == (1, 1, 2)
    rows = {r.title: r for r in (await fetch(runtime, tgt, "container_list")).data.rows}
    running, exited = docker.extra["running_container"], docker.extra["exited_container"]
    assert rows[running].status == "running" and rows[running].detail.startswith(
        docker.extra["image"]
    )
    assert rows[exited].status == "exited" and rows[exited].level is Severity.CRITICAL
    assert f"Exited ({docker.extra['exited_code']})" in rows[exited].detail


async def test_exited_container_raises_an_alert(docker: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, target(docker), "alerts")
    exited = docker.extra["exited_container"]
    assert [a.key for a in result.alerts] == [f"container:{exited}"]
    assert result.alerts[0].severity is Severity.CRITICAL
    assert f"code {docker.extra['exited_code']}" in result.alerts[0].message


async def test_cpu_memory_and_usage(docker: RunningService, runtime: Runtime) -> None:
    tgt = target(docker)
    options = {"container": docker.extra["running_container"]}
    cpu = (await fetch(runtime, tgt, "cpu", options)).data
    assert cpu.label == "web CPU" and 0 <= cpu.value <= cpu.max and cpu.max >= 100
    memory = (await fetch(runtime, tgt, "memory", options)).data
    assert 0 < memory.value < 5 and memory.label.startswith("web memory ")  # a tiny static binary
    usage = (await fetch(runtime, tgt, "usage", options)).data
    assert {s.name for s in usage.series} == {"CPU", "Memory"}
    stopped = await fetch(runtime, tgt, "cpu", {"container": docker.extra["exited_container"]})
    assert stopped.data.value == 0 and "not running" in stopped.data.label


async def test_unknown_container(docker: RunningService, runtime: Runtime) -> None:
    with pytest.raises(ConfigError):
        await fetch(runtime, target(docker), "memory", {"container": "no-such-thing"})
