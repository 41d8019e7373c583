"""RabbitMQ against the real broker: queue ``jobs`` holds the messages published at start."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("rabbitmq")
rabbitmq = service_fixture("rabbitmq")


async def test_connection_good_and_refused(rabbitmq: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(rabbitmq, "rabbitmq"))
    assert outcome.ok and outcome.summary.startswith("RabbitMQ 3."), outcome.error
    refused = await runtime.test_connection(app(rabbitmq, "rabbitmq", password="wrong"))
    assert isinstance(refused.error, AuthError)


async def test_overview_counts_the_published_messages(
    rabbitmq: RunningService, runtime: Runtime
) -> None:
    result = await fetch(runtime, app(rabbitmq, "rabbitmq"), "overview")
    got = stats(result)
    assert (got["Ready"], got["Unacked"], got["Queues"]) == (rabbitmq.extra["messages"], 0, 1)
    assert got["Alarms"] == 0 and result.alerts == []
    assert isinstance(got["Connections"], int | float) and got["Connections"] >= 0


async def test_queue_list(rabbitmq: RunningService, runtime: Runtime) -> None:
    result = await fetch(runtime, app(rabbitmq, "rabbitmq"), "queues")
    [row] = result.data.rows
    assert row.title == rabbitmq.extra["queue"]
    assert row.status == str(rabbitmq.extra["messages"])
    assert row.detail == "vhost / · 0 consumers"
