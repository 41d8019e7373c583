"""OctoPrint 1.11.8 (PyPI) with its Virtual Printer mid-print (tests/live/services/octoprint.py).

The last test disconnects the printer, so it runs last in this module.
"""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.live.harness import RunningService, http_client, service_fixture, wait_until

pytestmark = pytest.mark.live("octoprint")
octoprint = service_fixture("octoprint")


def target(svc: RunningService, key: str | None = None) -> Target:
    config = {"api_key": key or svc.credentials["api_key"]}
    return Target("o", "Printer", svc.url, "octoprint", config=config, timeout=10)


async def test_connection_good_and_bad_key(octoprint: RunningService, runtime: Runtime) -> None:
    good = await runtime.test_connection(target(octoprint))
    assert good.ok, good.error
    assert good.summary.startswith("OctoPrint 1.11.8")
    global_key = await runtime.test_connection(target(octoprint, octoprint.extra["global_api_key"]))
    assert global_key.ok, global_key.error
    bad = await runtime.test_connection(target(octoprint, "not-the-key"))
    assert isinstance(bad.error, AuthError)


async def test_printing(octoprint: RunningService, runtime: Runtime) -> None:
    tgt = target(octoprint)
    stats = {s.label: s for s in (await fetch(runtime, tgt, "printer")).data.stats}
    assert str(stats["State"].value).startswith("Printing")
    assert stats["Hotend"].value.endswith("/ 200")
    tool = (await fetch(runtime, tgt, "tool_temp")).data
    assert tool.label == "Hotend → 200 °C" and 0 < tool.value <= 300
    bed = (await fetch(runtime, tgt, "bed_temp")).data
    assert bed.unit == "°C" and bed.value > 0
    job = (await fetch(runtime, tgt, "job")).data
    assert job.items[0].label == octoprint.extra["job_file"]
    assert 0 < job.items[0].percent < 100


async def test_disconnected_printer(octoprint: RunningService, runtime: Runtime) -> None:
    headers = {"X-Api-Key": octoprint.credentials["api_key"]}
    with http_client(base_url=octoprint.url, headers=headers) as api:
        api.post("/api/connection", json={"command": "disconnect"})
        wait_until(lambda: api.get("/api/printer").status_code == 409, 20, what="disconnect")
    tgt = target(octoprint)
    stats = (await fetch(runtime, tgt, "printer")).data.stats
    assert [(s.value, s.level) for s in stats] == [("Not connected", Severity.WARNING)]
    assert (await fetch(runtime, tgt, "job")).data.items == []
    assert "not connected" in (await fetch(runtime, tgt, "bed_temp")).data.label
