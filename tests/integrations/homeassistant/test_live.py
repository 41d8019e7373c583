"""Home Assistant Core 2024.3.3 (PyPI), minimal and offline (tests/live/services/homeassistant.py):
Alice is home, the living room light is on, a template temperature sensor reads 12.3 °C."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError, ConfigError
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("homeassistant")
homeassistant = service_fixture("homeassistant")


def target(svc: RunningService, token: str | None = None) -> Target:
    config = {"token": token or svc.credentials["token"]}
    return Target("h", "Home", svc.url, "homeassistant", config=config, timeout=15)


async def test_connection_good_and_bad_token(
    homeassistant: RunningService, runtime: Runtime
) -> None:
    good = await runtime.test_connection(target(homeassistant))
    assert good.ok, good.error
    assert good.summary == "Home Assistant 2024.3.3"
    bad = await runtime.test_connection(target(homeassistant, token="not-a-token"))
    assert isinstance(bad.error, AuthError)


async def test_people_lights_switches(homeassistant: RunningService, runtime: Runtime) -> None:
    tgt = target(homeassistant)
    stats = {s.label: s.value for s in (await fetch(runtime, tgt, "summary")).data.stats}
    assert stats == {"People home": "1/1", "Lights on": 1, "Switches on": 0}
    rows = (await fetch(runtime, tgt, "active")).data.rows
    assert [r.detail for r in rows] == [homeassistant.extra["person"], homeassistant.extra["light"]]


async def test_entity_and_template(homeassistant: RunningService, runtime: Runtime) -> None:
    tgt = target(homeassistant)
    temperature = {"entity_id": homeassistant.extra["temperature"]}
    stat = (await fetch(runtime, tgt, "entity", temperature)).data.stats[0]
    assert (stat.label, stat.value, stat.unit) == ("Outside temperature", 12.3, "°C")
    thermostat = {"entity_id": homeassistant.extra["thermostat"]}
    assert (await fetch(runtime, tgt, "entity", thermostat)).data.stats[0].value == 21.5
    template = {"template": "{{ states.light | selectattr('state','eq','on') | list | count }}"}
    assert (await fetch(runtime, tgt, "template", template)).data.stats[0].value == 1
    location = {"template": "{{ state_attr('zone.home', 'friendly_name') }}"}
    assert (await fetch(runtime, tgt, "template", location)).data.stats[0].value == (
        homeassistant.extra["location_name"]
    )


async def test_errors(homeassistant: RunningService, runtime: Runtime) -> None:
    tgt = target(homeassistant)
    with pytest.raises(ConfigError):
        await fetch(runtime, tgt, "entity", {"entity_id": "sensor.does_not_exist"})
    with pytest.raises(ConfigError) as err:
        await fetch(runtime, tgt, "template", {"template": "{% if %}"})
    assert "TemplateSyntaxError" in err.value.message
