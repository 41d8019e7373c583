"""``nut`` against the real Network UPS Tools upsd + dummy-ups driver on 127.0.0.1."""

from __future__ import annotations

import asyncio

import pytest

from integrations.errors import AuthError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import service_fixture
from tests.live.services.nut import write_dev

pytestmark = pytest.mark.live("nut")
nut = service_fixture("nut")


def target(service, **config: object) -> Target:
    return Target("ups", "Rack UPS", service.url, "nut", config=dict(config))


async def fetch(service, endpoint: str):
    runtime = Runtime()
    try:
        return (await runtime.fetch(target(service), endpoint)).value
    finally:
        await runtime.aclose()


async def test_connection_with_good_and_bad_credentials(nut) -> None:
    creds = nut.credentials
    good = await Runtime().test_connection(target(nut, **creds))
    assert good.ok, good.error
    assert good.summary.startswith(f"{nut.extra['ups_name']}: Dummy 1500")
    bad = await Runtime().test_connection(target(nut, username=creds["username"], password="wrong"))
    assert not bad.ok and isinstance(bad.error, AuthError)


async def test_every_endpoint_reads_the_real_driver(nut) -> None:
    initial = nut.extra["initial_vars"]
    battery = (await fetch(nut, "battery")).data
    assert battery.value == float(initial["battery.charge"])
    load = (await fetch(nut, "load")).data
    assert load.value == float(initial["ups.load"])
    stats = {s.label: s.value for s in (await fetch(nut, "runtime")).data.stats}
    assert stats["Runtime"] == "30m" and stats["Status"] == "Online"
    status = await fetch(nut, "status")
    assert status.alerts == []


async def test_status_alert_follows_the_ups_onto_battery_and_low(nut) -> None:
    dev = nut.extra["dev_file"]
    values = dict(nut.extra["initial_vars"])
    try:
        write_dev(dev, {**values, "ups.status": "OB DISCHRG", "battery.charge": "60"})
        severities = await wait_for_alerts(nut, lambda s: s == [Severity.WARNING])
        assert severities == [Severity.WARNING]
        write_dev(dev, {**values, "ups.status": "OB LB", "battery.charge": "12"})
        severities = await wait_for_alerts(nut, lambda s: Severity.CRITICAL in s)
        assert Severity.CRITICAL in severities
        battery = (await fetch(nut, "battery")).data
        assert battery.level is Severity.CRITICAL
    finally:
        write_dev(dev, values)
        await wait_for_alerts(nut, lambda s: s == [])


async def wait_for_alerts(service, done, timeout: float = 15.0) -> list[Severity]:
    """The driver re-reads its file about once a second; poll upsd until the state shows."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        severities = [a.severity for a in (await fetch(service, "status")).alerts]
        if done(severities) or loop.time() > deadline:
            return severities
        await asyncio.sleep(0.3)
