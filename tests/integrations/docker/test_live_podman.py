"""The docker integration against a second real engine: podman's Docker-compatible API.

tests/live/services/podman.py sets up the same containers as the docker service (``web``
running, ``crashed`` exited with code 3), so the engine-neutral tests of test_live.py run here
unchanged, against podman (the ``docker`` fixture below is the podman service); only the
connection test differs, as the engine names itself.
"""

from __future__ import annotations

import pytest

from launcher_tui.runtime import Runtime
from tests.integrations.docker.test_live import (  # noqa: F401 - collected here against podman
    target,
    test_counts_and_list,
    test_cpu_memory_and_usage,
    test_exited_container_raises_an_alert,
    test_unknown_container,
    test_wrong_socket,
)
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("podman")
docker = service_fixture("podman")


async def test_connection(docker: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target(docker))
    assert outcome.ok, outcome.error
    # podman answers /version with its own version and the Docker API level it speaks
    assert outcome.summary.startswith("Podman 4.3") and "API 1.4" in outcome.summary
    assert outcome.summary.endswith(", 2 containers")
