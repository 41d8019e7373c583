"""Fixtures of the import/discover/config tests: a temp store and the CLI run in-process."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from launcher_tui.cli.main import main
from launcher_tui.services import Services, open_services


class Run:
    """``launcher-tui ARGS`` in this process; keeps everything printed (for secret checks)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.seen: list[str] = []

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = self.capsys.readouterr()
        self.seen += [captured.out, captured.err]
        return code, captured.out, captured.err

    def json(self, *args: str) -> tuple[int, Any]:
        code, out, err = self(*args, "--json")
        assert out, err
        return code, json.loads(out)

    @property
    def everything(self) -> str:
        return "\n".join(self.seen)


@pytest.fixture
def run(
    isolated_dirs: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Run:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: confirmations refuse
    return Run(capsys)


@pytest.fixture
def services(isolated_dirs: Any) -> Iterator[Services]:
    opened = open_services()
    yield opened
    opened.close()
