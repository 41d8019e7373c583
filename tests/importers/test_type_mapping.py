"""The Homepage type → integration mapping comes from the registry: a new integration plugs in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest
from pydantic import Field, SecretStr

from integrations.base import Endpoint, EndpointOptions, HttpConfig, Integration
from integrations.homepage import HomepageMapping
from integrations.models import RendererKind
from integrations.registry import registry
from launcher_tui.importers.widgets import TypeIndex, map_widget


class BlockerConfig(HttpConfig):
    api_key: SecretStr = Field(title="API key")
    version: int = 5
    api: Literal["auto", "5", "6"] = "auto"


class QueryOptions(EndpointOptions):
    warning: float | None = None
    critical: float | None = None


class Blocker(Integration):
    """A future integration with Homepage aliases, the way a DNS blocker would declare it."""

    id = "blocker"
    name = "Blocker"
    config_model = BlockerConfig
    endpoints = (
        Endpoint("summary", "Summary", RendererKind.STAT),
        Endpoint("blocked", "Blocked", RendererKind.GAUGE, options_model=QueryOptions),
        Endpoint("clients", "Clients", RendererKind.LIST),
    )
    homepage = HomepageMapping(
        aliases=("blockerx", "blockery"),
        keys={"key": "api_key"},
        field_endpoints={"blocked_percent": "blocked", "clients": "clients"},
    )


class Plain(Integration):
    """Declares nothing: its id is the Homepage type and its first endpoint goes on the board."""

    id = "plainsvc"
    name = "Plain"
    endpoints = (Endpoint("status", "Status", RendererKind.STAT),)


@pytest.fixture
def index() -> Iterator[TypeIndex]:
    registry.register(Blocker, replace=True)
    registry.register(Plain, replace=True)
    yield TypeIndex(registry)
    registry.unregister(Blocker.id)
    registry.unregister(Plain.id)


def test_an_integration_declares_aliases_keys_and_fields(index: TypeIndex) -> None:
    widget = {
        "type": "blockerx",
        "url": "http://pi.hole:8080",
        "key": "k-1",
        "version": 6,
        "fields": '["blocked_percent", "clients"]',
        "highlight": {
            "blocked_percent": {"numeric": [{"level": "danger", "when": "gt", "value": 50}]}
        },
    }
    mapped = map_widget(widget, "http://pi.hole", index)
    assert mapped.integration == "blocker" and mapped.problems == []
    assert mapped.config == {"api_url": "http://pi.hole:8080", "api_key": "k-1", "version": 6}
    assert mapped.secret_fields == {"api_key"}
    assert [(w.endpoint, w.options) for w in mapped.widgets] == [
        ("blocked", {"critical": 50.0}),
        ("clients", {}),
    ]
    assert map_widget({"type": "blockery", "key": "x"}, "http://a", index).integration == "blocker"


def test_without_a_declaration_the_id_is_the_type(index: TypeIndex) -> None:
    mapped = map_widget(
        {"type": "plainsvc", "url": "http://p", "hideErrors": True}, "http://p", index
    )
    assert (mapped.integration, [w.endpoint for w in mapped.widgets]) == ("plainsvc", ["status"])
    unknown = map_widget({"type": "plainsvc", "bogus": 1}, "http://p", index)
    assert unknown.problems == ["bogus: not mapped (no such setting in plainsvc)"]


def test_every_builtin_type_maps_to_itself(index: TypeIndex) -> None:
    for integration in registry.list():
        assert index.get(integration.id) is integration
    assert index.get("prometheusmetric") is registry.get("prometheus")


def test_declarative_aliases_count_too(index: TypeIndex) -> None:
    """``integrations.declarative.JsonIntegration.aliases`` are Homepage type names as well."""
    declared = [i for i in registry.list() if getattr(i, "aliases", ())]
    for integration in declared:
        for alias in integration.aliases:
            found = index.get(alias)
            assert found is not None and (found is integration or found.id == alias)
    Blocker.aliases = ("blockerz",)  # type: ignore[attr-defined]
    try:
        assert TypeIndex(registry).get("blockerz") is registry.get("blocker")
    finally:
        del Blocker.aliases  # type: ignore[attr-defined]


def test_numbers_from_yaml_become_text_where_a_setting_takes_text(index: TypeIndex) -> None:
    widget = {"type": "blocker", "key": 12345, "api": 6, "version": 6}
    mapped = map_widget(widget, "http://b", index)
    assert mapped.problems == []
    assert mapped.config == {"api_key": "12345", "api": "6", "version": 6}


@pytest.mark.parametrize(
    ("widget", "config"),
    [
        ({"type": "proxmox", "username": "api@pam!homepage", "password": "uuid-secret", "node": "pve1"},
         {"token_id": "api@pam!homepage", "token_secret": "uuid-secret", "node": "pve1"}),
        ({"type": "jellyfin", "key": "k", "enableBlocks": True, "enableNowPlaying": True, "version": 2},
         {"api_key": "k"}),
        ({"type": "portainer", "env": 2, "key": "ptr_x"}, {"environment": 2, "api_key": "ptr_x"}),
        ({"type": "pihole", "version": 6, "key": "app-password"}, {"version": "6", "key": "app-password"}),
        ({"type": "speedtest", "version": 2, "key": "tok", "bitratePrecision": 3}, {"api_key": "tok"}),
        ({"type": "overseerr", "key": "k"}, {"api_key": "k"}),
        ({"type": "nextcloud", "key": "nc-token"}, {"token": "nc-token"}),
    ],
)  # fmt: skip
def test_homepage_widgets_of_the_new_integrations_map_without_problems(
    index: TypeIndex, widget: dict[str, object], config: dict[str, object]
) -> None:
    """Realistic widgets from Homepage's docs for integrations added after the importer."""
    mapped = map_widget(widget, "http://svc", index)
    assert mapped.problems == []
    assert mapped.config == config
