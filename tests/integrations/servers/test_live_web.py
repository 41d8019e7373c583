"""nginx (stub_status) and Apache (mod_status) against the real web servers."""

from __future__ import annotations

import re

import pytest

from integrations.errors import BadResponseError, BadStatusError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, http_client, service_fixture

nginx = service_fixture("nginx")
apache = service_fixture("apache")


def hit(url: str, times: int) -> None:
    with http_client() as client:
        for _ in range(times):
            assert client.get(url).status_code < 500


@pytest.mark.live("nginx")
async def test_nginx_counts_requests(nginx: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(nginx, "nginx"))
    assert outcome.ok, outcome.error
    assert re.fullmatch(r"nginx: \d+ active connections, \d+ requests", outcome.summary)
    before = stats(await fetch(runtime, app(nginx, "nginx"), "status"))
    hit(nginx.url + "/", 3)
    after = stats(await fetch(runtime, app(nginx, "nginx"), "status"))
    assert set(after) == {"Active", "Requests", "Writing", "Waiting", "Dropped"}
    # 3 page hits + the status request itself
    assert after["Requests"] == before["Requests"] + 4
    assert after["Active"] >= 1 and after["Writing"] >= 1 and after["Dropped"] == 0


@pytest.mark.live("nginx")
async def test_nginx_wrong_path(nginx: RunningService, runtime: Runtime) -> None:
    with pytest.raises(BadResponseError, match="not a stub_status page"):
        await fetch(runtime, app(nginx, "nginx", status_path="/"), "status")
    # every other location answers 200 "hello": the connection test must refuse it too
    outcome = await runtime.test_connection(app(nginx, "nginx", status_path="/missing/status"))
    assert isinstance(outcome.error, BadResponseError)


@pytest.mark.live("apache")
async def test_apache_status(apache: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(apache, "apache"))
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith("Apache/2.4")
    before = stats(await fetch(runtime, app(apache, "apache"), "status"))
    hit(apache.url + "/", 3)
    after = stats(await fetch(runtime, app(apache, "apache"), "status"))
    assert after["Requests"] >= before["Requests"] + 4
    assert after["Busy workers"] >= 1  # the one answering the status request
    assert after["Busy workers"] + after["Idle workers"] == apache.extra["workers"]
    assert isinstance(after["Traffic"], int | float) and after["Traffic"] >= 0


@pytest.mark.live("apache")
async def test_apache_wrong_path(apache: RunningService, runtime: Runtime) -> None:
    with pytest.raises(BadStatusError):
        await fetch(runtime, app(apache, "apache", status_path="/nothing-here"), "status")
