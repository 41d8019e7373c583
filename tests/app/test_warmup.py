"""The background warm-up imports integration modules without touching the registry."""

from __future__ import annotations

import sys

from integrations.registry import Registry
from launcher_tui.warmup import import_integrations, warm_up


def test_warm_up_imports_modules_only() -> None:
    registry = Registry()
    thread = warm_up(registry)
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert "integrations.sonarr" in sys.modules and "integrations.http" in sys.modules
    assert registry.names_loaded() == []  # the registry instantiates them when asked


def test_a_broken_module_does_not_stop_the_others() -> None:
    import_integrations(["does_not_exist_xyz", "radarr"])
    assert "integrations.radarr" in sys.modules
