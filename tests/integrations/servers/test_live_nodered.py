"""Node-RED against the real runtime (adminAuth on): an enabled flow with 2 nodes, a disabled one."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("nodered")
nodered = service_fixture("nodered")


async def test_connection_good_and_refused(nodered: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(nodered, "nodered"))
    assert outcome.ok and outcome.summary == "Node-RED 4.1.15", outcome.error
    refused = await runtime.test_connection(app(nodered, "nodered", password="wrong"))
    assert isinstance(refused.error, AuthError)
    anonymous = await runtime.test_connection(app(nodered, "nodered", username=""))
    assert isinstance(anonymous.error, AuthError)  # adminAuth is on: 401 without a token


async def test_flows(nodered: RunningService, runtime: Runtime) -> None:
    got = stats(await fetch(runtime, app(nodered, "nodered"), "flows"))
    assert got == {
        "Flows": len(nodered.extra["flows"]),
        "Disabled": len(nodered.extra["disabled_flows"]),
        "Nodes": nodered.extra["nodes"],
    }
    rows = (await fetch(runtime, app(nodered, "nodered"), "flow_list")).data.rows
    [enabled], [disabled] = nodered.extra["flows"], nodered.extra["disabled_flows"]
    assert [(r.title, r.detail, r.status, r.level) for r in rows] == [
        (enabled, f"{nodered.extra['nodes']} nodes", "", Severity.OK),
        (disabled, "0 nodes", "disabled", Severity.INFO),
    ]
