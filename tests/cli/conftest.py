"""Fixtures of the CLI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.support import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """The real CLI in a subprocess, with its own data and config dirs."""
    return Cli(data_dir=tmp_path / "data", config_dir=tmp_path / "config")


@pytest.fixture
def clitest() -> Iterator[type]:
    """The ``clitest`` integration registered in this process (in-process tests only)."""
    from integrations.registry import registry
    from tests.cli.fake_integration import CliTest

    CliTest.calls.clear()
    registry.register(CliTest, replace=True)
    yield CliTest
    registry.unregister(CliTest.id)
