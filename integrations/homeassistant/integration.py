"""Home Assistant: the core REST API with a long-lived access token (``Authorization: Bearer``).

Create the token in your HA profile (Security → Long-lived access tokens). The connection test
reads ``/api/config`` (version). Widgets can show one entity's state (the entity is a widget
option, so one HA app feeds many widgets) or a Jinja template HA renders for us
(``POST /api/template``), and a household summary: people home, lights on, switches on, from one
``/api/states`` read (counted here rather than by three templates: one request, and a list of
exactly the entities counted).
"""

from __future__ import annotations

import json
import re

from pydantic import Field, SecretStr, field_validator

from integrations.base import (
    Context,
    Endpoint,
    EndpointOptions,
    HttpConfig,
    Integration,
    parse_model,
)
from integrations.client import describe_body
from integrations.errors import BadResponseError, ConfigError
from integrations.homeassistant.api import CoreConfig, Message, State, States
from integrations.homeassistant.homepage import HOMEPAGE
from integrations.models import ListData, ListRow, RendererKind, Severity, Stat, StatData

ID = "homeassistant"
ENTITY_ID = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")
UNAVAILABLE = frozenset({"unavailable", "unknown"})
#: (label, domain, state that counts) of the household summary, in display order.
SUMMARY = (
    ("People home", "person", "home"),
    ("Lights on", "light", "on"),
    ("Switches on", "switch", "on"),
)


class HomeAssistantConfig(HttpConfig):
    token: SecretStr = Field(
        title="Access token",
        description="A long-lived access token (your HA profile → Security).",
    )


class EntityOptions(EndpointOptions):
    entity_id: str = Field(
        title="Entity", description="The entity ID, e.g. sensor.outside_temperature."
    )
    label: str = Field(default="", title="Label", description="Empty: the entity's name.")

    @field_validator("entity_id")
    @classmethod
    def _entity_id(cls, value: str) -> str:
        value = value.strip().lower()
        if not ENTITY_ID.match(value):
            raise ValueError("an entity ID looks like domain.name, e.g. light.kitchen")
        return value


class TemplateOptions(EndpointOptions):
    template: str = Field(
        min_length=1,
        title="Template",
        description="A Jinja template HA renders, e.g. {{ states.light | selectattr('state', "
        "'eq', 'on') | list | count }}",
    )
    label: str = Field(default="Template", title="Label", description="Shown with the result.")
    unit: str = Field(default="", title="Unit", description="Shown after the result.")


def _auth(ctx: Context) -> dict[str, str]:
    return {"Authorization": f"Bearer {ctx.secret('token')}"}


def _value(text: str) -> float | int | str:
    """A state or template result: a number when it is one, else the text."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


async def _states(ctx: Context) -> list[State]:
    body = await ctx.http.get_json("/api/states", headers=_auth(ctx), what="entity states")
    return parse_model(States, body, integration=ID, what="/api/states").root


def _counted(states: list[State]) -> dict[str, list[State]]:
    """The entities each summary line counts."""
    return {
        label: sorted(
            (s for s in states if s.domain == domain and s.state == on), key=lambda s: s.name
        )
        for label, domain, on in SUMMARY
    }


class HomeAssistant(Integration):
    id = ID
    name = "Home Assistant"
    icon = "🏠"
    category = "Home automation"
    description = "Entity states, rendered templates, people home, lights and switches on."
    homepage = HOMEPAGE
    docs_url = "https://developers.home-assistant.io/docs/api/rest/"
    config_model = HomeAssistantConfig
    endpoints = (
        Endpoint("summary", "Household", RendererKind.STAT, ttl=30, refresh=30,
                 description="People home, lights on, switches on."),
        Endpoint("active", "Home, on", RendererKind.LIST, ttl=30, refresh=30,
                 description="The people at home and the lights and switches that are on."),
        Endpoint("entity", "Entity state", RendererKind.STAT, ttl=15, refresh=15,
                 description="One entity's state (with its unit).", options_model=EntityOptions),
        Endpoint("template", "Template", RendererKind.STAT, ttl=30, refresh=30,
                 description="A Jinja template rendered by Home Assistant.",
                 options_model=TemplateOptions),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        body = await ctx.http.get_json("/api/config", headers=_auth(ctx), what="the core config")
        config = parse_model(CoreConfig, body, integration=ID, what="/api/config")
        running = "" if config.state == "RUNNING" else f" ({config.state.lower()})"
        return f"Home Assistant {config.version}{running}"

    async def fetch_summary(self, ctx: Context, options: None) -> StatData:
        states = await _states(ctx)
        counted = _counted(states)
        people = sum(s.domain == "person" for s in states)
        return StatData(
            stats=[
                Stat(
                    label=label,
                    value=f"{len(counted[label])}/{people}"
                    if domain == "person"
                    else len(counted[label]),
                )
                for label, domain, _ in SUMMARY
            ]
        )

    async def fetch_active(self, ctx: Context, options: None) -> ListData:
        rows = [
            ListRow(title=s.name, detail=s.entity_id, status=s.state)
            for entities in _counted(await _states(ctx)).values()
            for s in entities
        ]
        return ListData(rows=rows, total=len(rows), empty_text="Nobody home, everything off")

    async def fetch_entity(self, ctx: Context, options: EntityOptions) -> StatData:
        path = f"/api/states/{options.entity_id}"
        response = await ctx.http.request("GET", path, headers=_auth(ctx), ok_statuses=(404,))
        if response.status_code == 404:
            raise ConfigError(
                f"{ID}: Home Assistant has no entity {options.entity_id}",
                hint="Check the entity ID in the widget options (Developer tools → States).",
                integration=ID,
            )
        state = parse_model(State, response.json(path), integration=ID, what=path)
        level = Severity.WARNING if state.state in UNAVAILABLE else Severity.OK
        return StatData(
            stats=[
                Stat(
                    label=options.label or state.name,
                    value=_value(state.state),
                    unit=state.unit,
                    level=level,
                )
            ]
        )

    async def fetch_template(self, ctx: Context, options: TemplateOptions) -> StatData:
        response = await ctx.http.request(
            "POST",
            "/api/template",
            headers=_auth(ctx),
            json={"template": options.template},
            ok_statuses=(400,),
        )
        if response.status_code == 400:
            try:
                reason = Message.model_validate(json.loads(response.content)).message
            except ValueError:
                reason = response.text.strip()[:200]
            raise ConfigError(
                f"{ID}: Home Assistant could not render the template: {reason}",
                hint="Fix the template in the widget options (try it in Developer tools → "
                "Template).",
                integration=ID,
            )
        if "text/html" in response.headers.get("content-type", ""):
            raise BadResponseError(
                f"{ID}: expected a rendered template from {response.url}, got "
                f"{describe_body(response.content, 'text/html')}",
                integration=ID,
            )
        return StatData(
            stats=[
                Stat(label=options.label, value=_value(response.text.strip()), unit=options.unit)
            ]
        )


INTEGRATION = HomeAssistant()
