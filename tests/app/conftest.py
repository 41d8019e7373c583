"""Fixtures of the dashboard tests: a throwaway store, the frozen system, the demo server.

``wait_until`` lives in :mod:`tests.app.demo` (the error/stale scenario there uses it too) and
is re-exported here, where the tests import it from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from launcher_tui.app import LauncherApp
from launcher_tui.services import Services, open_services
from tests.app.demo import (
    FrozenSystem,
    frozen_clock,
    frozen_system,
    seed_demo,
    serve_demo,
)
from tests.app.demo import wait_until as wait_until  # re-exported for the tests
from tests.support.loopback import LoopbackServer


def ready(app: LauncherApp, form_type: type) -> bool:
    """A form of ``form_type`` is on screen, composed, with its first field focused (querying
    its fields any earlier races its compose on a loaded machine)."""
    screen = app.screen
    return isinstance(screen, form_type) and bool(getattr(screen, "typeahead_is_ready", False))


@pytest.fixture
def frozen() -> Iterator[FrozenSystem]:
    """The ``system`` integration with fixed readings, for the duration of the test."""
    with frozen_system() as system:
        yield system


@pytest.fixture(autouse=True)
def _no_status_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's apps have made-up LAN URLs: their reachability checks would make snapshots
    depend on DNS timing. Tests of the checks turn them back on."""
    monkeypatch.setattr(LauncherApp, "STATUS_CHECKS", False)


@pytest.fixture
def services(isolated_dirs: Path) -> Iterator[Services]:
    """An empty store in the test's LAUNCHER_TUI_DATA_DIR/CONFIG_DIR."""
    opened = open_services()
    yield opened
    opened.close()


@pytest.fixture
def make_app(services: Services) -> Callable[[], LauncherApp]:
    """A dashboard on the test store with the frozen clock (first run seeded first)."""

    def build() -> LauncherApp:
        services.first_run()
        return LauncherApp(services, clock=frozen_clock)

    return build


@pytest.fixture
def demo(services: Services, frozen: FrozenSystem, loopback: LoopbackServer) -> dict[str, int]:
    """The demo store (first-run board, Media board, apps) served by the loopback server."""
    serve_demo(loopback)
    return seed_demo(services, loopback.url)
