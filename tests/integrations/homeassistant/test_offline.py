"""Home Assistant against a loopback server answering with responses recorded from HA 2024.3.3.

The recorded house: Alice (person) is home, the living room light is on, no ``switch`` entity
(the light is driven by an ``input_boolean`` helper, which is not a switch), a temperature sensor
at 12.3 °C.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, ConfigError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "long-lived-token"


def recorded(name: str) -> Response:
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    body = data["body"]
    # HA answers templates as text/plain: serve the recorded text as text
    return Response(data["status"], str(body) if isinstance(body, int) else body)


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def guarded(answer: Response) -> Any:
    def handler(request: Request) -> Response:
        if request.header("Authorization") != f"Bearer {TOKEN}":
            return recorded("api-wrong-token")
        return answer

    return handler


def serve(loopback: LoopbackServer, template: Response | None = None) -> None:
    loopback.route("GET", "/api/config", guarded(recorded("config")))
    loopback.route("GET", "/api/states", guarded(recorded("states")))
    loopback.route(
        "GET", "/api/states/sensor.outside_temperature", guarded(recorded("state-temperature"))
    )
    loopback.route("GET", "/api/states/sensor.nope", guarded(recorded("state-missing")))
    loopback.route("POST", "/api/template", guarded(template or recorded("template")))


def target(url: str, token: str = TOKEN) -> Target:
    return Target(
        "h", "Home", url, "homeassistant", config={"token": token}, timeout=REQUEST_TIMEOUT
    )


async def test_connection(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Home Assistant 2024.3.3"


async def test_wrong_token(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, token="wrong"))
    assert isinstance(outcome.error, AuthError)


async def test_summary(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    stats = (await fetch(runtime, target(loopback.url), "summary")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("People home", "1/1"),
        ("Lights on", 1),
        ("Switches on", 0),
    ]


async def test_active_lists_the_counted_entities(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    rows = (await fetch(runtime, target(loopback.url), "active")).data.rows
    assert [(r.title, r.detail, r.status) for r in rows] == [
        ("Alice", "person.alice", "home"),
        ("Living room", "light.living_room", "on"),
    ]


async def test_switches_and_away(loopback: LoopbackServer, runtime: Runtime) -> None:
    states = body("states")
    states[0]["state"] = "not_home"
    states.append(
        {"entity_id": "switch.fan", "state": "on", "attributes": {"friendly_name": "Fan"}}
    )
    states.append({"entity_id": "switch.pump", "state": "off", "attributes": {}})
    serve(loopback)
    loopback.route("GET", "/api/states", guarded(Response(200, states)))
    stats = {
        s.label: s.value for s in (await fetch(runtime, target(loopback.url), "summary")).data.stats
    }
    assert stats == {"People home": "0/1", "Lights on": 1, "Switches on": 1}


async def test_entity_state_with_unit(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    options = {"entity_id": "sensor.outside_temperature"}
    stat = (await fetch(runtime, target(loopback.url), "entity", options)).data.stats[0]
    assert (stat.label, stat.value, stat.unit) == ("Outside temperature", 12.3, "°C")
    relabelled = {"entity_id": " Sensor.Outside_Temperature ", "label": "Outside"}
    stat = (await fetch(runtime, target(loopback.url), "entity", relabelled)).data.stats[0]
    assert stat.label == "Outside"


async def test_unavailable_entity_is_a_warning(loopback: LoopbackServer, runtime: Runtime) -> None:
    state = body("state-temperature") | {"state": "unavailable"}
    serve(loopback)
    loopback.route("GET", "/api/states/sensor.outside_temperature", guarded(Response(200, state)))
    options = {"entity_id": "sensor.outside_temperature"}
    stat = (await fetch(runtime, target(loopback.url), "entity", options)).data.stats[0]
    assert stat.value == "unavailable" and stat.level is Severity.WARNING


async def test_unknown_entity(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    with pytest.raises(ConfigError) as err:
        await fetch(runtime, target(loopback.url), "entity", {"entity_id": "sensor.nope"})
    assert "sensor.nope" in err.value.message


def test_entity_id_is_validated() -> None:
    from integrations.homeassistant import INTEGRATION

    with pytest.raises(ConfigError):
        INTEGRATION.validate_options("entity", {"entity_id": "kitchen light"})


async def test_template(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    template = "{{ states.light | selectattr('state','eq','on') | list | count }}"
    options = {"template": template, "label": "Lights"}
    stat = (await fetch(runtime, target(loopback.url), "template", options)).data.stats[0]
    assert (stat.label, stat.value) == ("Lights", 1)
    assert loopback.requests_to("/api/template")[-1].json() == {"template": template}


async def test_template_text_result(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, template=recorded("template-unknown"))
    stat = (await fetch(runtime, target(loopback.url), "template", {"template": "{{ x }}"})).data
    assert stat.stats[0].value == "unknown"


async def test_template_error_names_the_problem(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, template=recorded("template-error"))
    with pytest.raises(ConfigError) as err:
        await fetch(runtime, target(loopback.url), "template", {"template": "{% if %}"})
    assert "TemplateSyntaxError" in err.value.message


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>Home Assistant</html>", {"Content-Type": "text/html"}),
        Response(200, {"message": "API running."}),
        Response(200, [{"entity_id": "light.x"}]),
    ],
    ids=["frontend-html", "object", "state-without-state"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    serve(loopback)
    loopback.route("GET", "/api/states", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "summary")
    assert "homeassistant" in str(err.value)


async def test_html_template_answer(loopback: LoopbackServer, runtime: Runtime) -> None:
    html = Response(200, "<!DOCTYPE html><html>proxy login</html>", {"Content-Type": "text/html"})
    serve(loopback, template=html)
    with pytest.raises(BadResponseError):
        await fetch(runtime, target(loopback.url), "template", {"template": "{{ 1 }}"})


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)
