"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.loopback import LoopbackServer
from tests.support.steady_cursor import steady_cursor


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "screenshots: the committed screenshots/ match what scripts/screenshots.py writes",
    )


@pytest.fixture(autouse=True, scope="session")
def _steady_text_cursor() -> Iterator[None]:
    """No blinking text cursor anywhere in the suite: snapshots must not depend on timing."""
    with steady_cursor():
        yield


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:
    """A real HTTP server on 127.0.0.1 with scripted routes (see tests/support/loopback.py)."""
    with LoopbackServer() as server:
        yield server


@pytest.fixture
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data and config dirs at a temp dir so no test touches the user's store."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("LAUNCHER_TUI_DATA_DIR", str(data))
    monkeypatch.setenv("LAUNCHER_TUI_CONFIG_DIR", str(config))
    monkeypatch.delenv("INTEGRATION_ENCRYPTION_KEY", raising=False)
    return tmp_path


@pytest.fixture(autouse=True)
def _no_real_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Default every test to throwaway dirs, so a forgotten fixture cannot write to ~/.local."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LAUNCHER_TUI_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LAUNCHER_TUI_CONFIG_DIR", str(base / "config"))
