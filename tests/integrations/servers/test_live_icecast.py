"""Icecast against the real server with one source on air."""

from __future__ import annotations

import pytest

from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("icecast")
icecast = service_fixture("icecast")


async def test_connection(icecast: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(icecast, "icecast"))
    assert outcome.ok and outcome.summary == "Icecast 2.4.4 (1 streams on air)", outcome.error


async def test_listeners(icecast: RunningService, runtime: Runtime) -> None:
    got = stats(await fetch(runtime, app(icecast, "icecast"), "listeners"))
    assert got == {"Listeners": 0, "Peak": 0, "Streams": 1}


async def test_streams(icecast: RunningService, runtime: Runtime) -> None:
    [row] = (await fetch(runtime, app(icecast, "icecast"), "streams")).data.rows
    assert row.title == icecast.extra["stream_name"]
    assert row.detail == f"{icecast.extra['genre']} · audio/mpeg"
    assert row.status == "0 listening"
    assert row.url is not None and row.url.endswith(icecast.extra["mount"])
