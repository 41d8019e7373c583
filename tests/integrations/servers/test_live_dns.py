"""PowerDNS and BIND against the real servers: DNS queries sent here make their counters move."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture
from tests.live.services import _dns

powerdns = service_fixture("powerdns")
bind = service_fixture("bind")


def ask(svc: RunningService, names: list[str]) -> list[int]:
    return [_dns.query(svc.extra["dns_port"], n) for n in names]


@pytest.mark.live("powerdns")
async def test_powerdns_connection(powerdns: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(powerdns, "powerdns"))
    assert outcome.ok and outcome.summary.startswith("PowerDNS authoritative 4."), outcome.error
    refused = await runtime.test_connection(app(powerdns, "powerdns", api_key="wrong-key"))
    assert isinstance(refused.error, AuthError)


@pytest.mark.live("powerdns")
async def test_powerdns_counts_queries(powerdns: RunningService, runtime: Runtime) -> None:
    before = stats(await fetch(runtime, app(powerdns, "powerdns"), "statistics"))
    host = powerdns.extra["host"]
    rcodes = ask(powerdns, [host, host, f"nope.{host}", "elsewhere.invalid"])
    assert rcodes == [_dns.NOERROR, _dns.NOERROR, _dns.NXDOMAIN, _dns.REFUSED]
    after = stats(await fetch(runtime, app(powerdns, "powerdns"), "statistics"))
    assert set(after) == {"Queries", "Latency", "Cache hits", "SERVFAIL"}
    assert after["Queries"] == before["Queries"] + 4
    assert after["SERVFAIL"] == 0
    assert isinstance(after["Latency"], int | float) and after["Latency"] >= 0
    # the second www query is answered from the packet cache
    assert after["Cache hits"] is not None and 0 < after["Cache hits"] <= 100


@pytest.mark.live("bind")
async def test_bind_connection(bind: RunningService, runtime: Runtime) -> None:
    outcome = await runtime.test_connection(app(bind, "bind"))
    assert outcome.ok and outcome.summary.startswith("BIND 9.18"), outcome.error


@pytest.mark.live("bind")
async def test_bind_counts_queries(bind: RunningService, runtime: Runtime) -> None:
    host = bind.extra["host"]
    rcodes = ask(bind, [host, host, f"nope.{bind.extra['zone']}", "elsewhere.invalid"])
    assert rcodes == [_dns.NOERROR, _dns.NOERROR, _dns.NXDOMAIN, _dns.REFUSED]
    # the statistics channel answers from counters updated as each query is answered
    result = await fetch(runtime, app(bind, "bind"), "queries")
    assert stats(result) == {"Queries": 4, "NOERROR": 2, "NXDOMAIN": 1, "SERVFAIL": 0, "REFUSED": 1}
