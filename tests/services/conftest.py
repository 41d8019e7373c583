"""Services on a temporary store, with small test integrations registered for each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, SecretStr

from integrations.base import Endpoint, EndpointOptions, HttpConfig, Integration, NoConfig
from integrations.models import RendererKind
from integrations.registry import registry
from launcher_tui import crypto, paths
from launcher_tui.services import Services, open_services

SECRET = "sk-live-7f3a9c-UNIQUE-SECRET"


class MediaConfig(HttpConfig):
    api_key: SecretStr = Field(title="API key")
    password: SecretStr | None = None
    username: str = "admin"
    timeout: int = Field(default=10, ge=1, le=120)


class QueryOptions(EndpointOptions):
    query: str = Field(min_length=1)
    limit: int = Field(default=5, ge=1, le=50)


class Media(Integration):
    """Stands in for an API-key HTTP service (Sonarr-like)."""

    id = "testmedia"
    name = "Test Media"
    config_model = MediaConfig
    endpoints = (
        Endpoint("queue", "Queue", RendererKind.LIST, refresh=15),
        Endpoint("wanted", "Wanted", RendererKind.STAT),
        Endpoint("search", "Search", RendererKind.LIST, options_model=QueryOptions),
    )


class FakeSystem(Integration):
    """Stands in for the ``system`` integration (no URL, no settings)."""

    id = "system"
    name = "System"
    icon = "🖥"
    needs_url = False
    config_model = NoConfig
    endpoints = (
        Endpoint("cpu", "CPU", RendererKind.GAUGE),
        Endpoint("memory", "Memory", RendererKind.GAUGE),
        Endpoint("processes", "Top processes", RendererKind.LIST),
        Endpoint("load", "Load", RendererKind.CHART),
    )


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data, config = tmp_path / "data", tmp_path / "config"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(config))
    monkeypatch.delenv(crypto.ENV_KEY, raising=False)
    return data, config


@pytest.fixture
def fakes() -> Iterator[None]:
    registry.register(Media, replace=True)
    registry.register(FakeSystem, replace=True)
    yield
    registry.unregister(Media.id)
    registry.unregister(FakeSystem.id)


@pytest.fixture
def services(dirs: tuple[Path, Path], fakes: None) -> Iterator[Services]:
    opened = open_services()
    yield opened
    opened.close()


@pytest.fixture
def secret() -> str:
    """The API key the ``media_app`` inputs carry (tests grep the database for it)."""
    return SECRET


@pytest.fixture
def media_app() -> Callable[..., dict[str, Any]]:
    """Factory of valid ``AppInput`` dicts bound to the test media integration."""

    def make(name: str = "Sonarr", **extra: Any) -> dict[str, Any]:
        return {
            "name": name,
            "url": "http://127.0.0.1:8989",
            "integration": "testmedia",
            "config": {"api_key": SECRET},
            **extra,
        }

    return make
