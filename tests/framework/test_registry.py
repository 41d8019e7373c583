"""Registry: lazy built-in discovery, entry-point plugins from a real distribution, failures."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from integrations.errors import UnknownIntegrationError
from integrations.registry import IntegrationLoadError, Registry

PLUGIN_CODE = """
from integrations.base import Endpoint, Integration
from integrations.models import RendererKind, Stat, StatData


class Weather(Integration):
    id = "{id}"
    name = "Weather"
    endpoints = (Endpoint("now", "Now", RendererKind.STAT),)

    async def test_connection(self, ctx):
        return "sunny"

    async def fetch_now(self, ctx, options):
        return StatData(stats=[Stat(label="Temperature", value=21, unit="°C")])


INTEGRATION = Weather()
"""


def run_python(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (clean sys.modules) and return its JSON output."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_names_imports_no_integration() -> None:
    result = run_python(
        """
        import json, sys
        from integrations.registry import registry
        before = sorted(m for m in sys.modules if m.startswith("integrations."))
        names = registry.names()
        after = sorted(m for m in sys.modules if m.startswith("integrations."))
        print(json.dumps({"names": names, "new": sorted(set(after) - set(before))}))
        """
    )
    assert {"system", "http", "sonarr", "radarr", "prowlarr"} <= set(result["names"])
    assert not any(name.startswith("_") for name in result["names"])  # _arr is a library
    assert result["new"] == []


def test_lookup_imports_only_that_integration_and_no_heavy_dependency() -> None:
    result = run_python(
        """
        import json, sys
        from integrations.registry import registry
        system = registry.get("system")
        loaded = sorted(m for m in sys.modules if m.startswith("integrations."))
        print(json.dumps({"id": system.id, "loaded": loaded, "psutil": "psutil" in sys.modules}))
        """
    )
    assert result["id"] == "system"
    assert "integrations.system" in result["loaded"]
    assert "integrations.sonarr" not in result["loaded"]
    assert result["psutil"] is False  # psutil waits for the first fetch


def test_unknown_id_names_what_is_installed() -> None:
    registry = Registry()
    with pytest.raises(UnknownIntegrationError) as info:
        registry.get("sonar")
    assert "No integration 'sonar'" in str(info.value)
    assert "sonarr" in str(info.value) and "system" in info.value.installed


@pytest.fixture
def plugin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real installed distribution: a module plus a ``*.dist-info`` with entry points."""
    (tmp_path / "lt_weather_plugin.py").write_text(PLUGIN_CODE.format(id="weather"))
    (tmp_path / "lt_wrong_id_plugin.py").write_text(PLUGIN_CODE.format(id="not-what-it-says"))
    (tmp_path / "lt_broken_plugin.py").write_text("raise RuntimeError('missing dependency foo')\n")
    (tmp_path / "lt_not_integration.py").write_text("INTEGRATION = 42\n")
    dist = tmp_path / "lt_weather-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: lt-weather\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[launcher_tui.integrations]\n"
        "weather = lt_weather_plugin:INTEGRATION\n"
        "mislabelled = lt_wrong_id_plugin:INTEGRATION\n"
        "broken = lt_broken_plugin:INTEGRATION\n"
        "number = lt_not_integration:INTEGRATION\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield tmp_path
    for module in (
        "lt_weather_plugin",
        "lt_wrong_id_plugin",
        "lt_broken_plugin",
        "lt_not_integration",
    ):
        sys.modules.pop(module, None)


def test_entry_point_plugin_is_listed_and_loaded_like_a_builtin(plugin_dir: Path) -> None:
    registry = Registry()
    names = registry.names()
    assert {"weather", "broken", "system"} <= set(names)
    assert "lt_weather_plugin" not in sys.modules  # listing imported nothing
    weather = registry.get("weather")
    assert weather.id == "weather" and weather.endpoint("now").kind == "stat"
    assert registry.get("weather") is weather


def test_broken_plugins_are_recorded_and_the_rest_still_load(plugin_dir: Path) -> None:
    registry = Registry()
    with pytest.raises(IntegrationLoadError, match="missing dependency foo"):
        registry.get("broken")
    assert "RuntimeError" in registry.load_errors["broken"]
    with pytest.raises(IntegrationLoadError, match="different id 'not-what-it-says'"):
        registry.get("mislabelled")
    with pytest.raises(IntegrationLoadError, match="does not provide an Integration"):
        registry.get("number")
    loaded = {i.id for i in registry.list()}
    assert {"weather", "system", "sonarr"} <= loaded
    assert not {"broken", "mislabelled", "number"} & loaded
    assert set(registry.load_errors) == {"broken", "mislabelled", "number"}


def test_register_and_unregister() -> None:
    from integrations.base import Integration

    class Demo(Integration):
        id = "demo-registered"
        name = "Demo"

    registry = Registry()
    demo = registry.register(Demo)
    assert registry.get("demo-registered") is demo
    assert "demo-registered" in registry.names()
    with pytest.raises(ValueError, match="already registered"):
        registry.register(Demo())
    registry.unregister("demo-registered")
    with pytest.raises(UnknownIntegrationError):
        registry.get("demo-registered")
    with pytest.raises(TypeError):
        registry.register(object())  # type: ignore[arg-type]


def test_invalid_widget_options_point_at_the_widget_not_the_app() -> None:
    """A newcomer's `fetch` of an imported card said "edit the app": the options live on the
    widget, so the hint says where they are given instead."""
    import pytest as _pytest

    from integrations.errors import ConfigError
    from integrations.registry import registry as _registry

    customapi = _registry.get("customapi")
    with _pytest.raises(ConfigError) as caught:
        customapi.validate_options("stat", {})
    assert "--option KEY=VALUE" in caught.value.hint and "edit the card" in caught.value.hint
