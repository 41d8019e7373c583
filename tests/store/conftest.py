"""Fixtures of the store tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher_tui import paths


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(directory))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    return directory
