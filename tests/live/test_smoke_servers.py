"""Clean-stop smoke test for the Integrations II services (tests/live/services/<name>.py).

Their integration tests (tests/integrations/servers/test_live_*.py, tests/integrations/docker/
test_live_podman.py) prove the data is there; this proves ``stop()`` leaves no process of ours
(conmon, epmd, named's workers…), releases every port and needs no SIGKILL of strays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.live.harness import start_service
from tests.live.test_smoke_debian import assert_stops

SERVICES = ["aria2", "nginx", "apache", "haproxy", "powerdns", "bind", "influxdb", "rabbitmq",
            "icecast", "monit", "nodered", "alertmanager", "podman", "unmanic"]  # fmt: skip


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.live(n)) for n in SERVICES])
def test_starts_and_stops_clean(name: str, tmp_path: Path) -> None:
    svc = start_service(name, tmp_path / name)
    try:
        assert svc.alive(), svc.logs()
        assert svc.ports or svc.url.startswith("unix://")  # podman listens on a socket only
    finally:
        assert_stops(svc)
