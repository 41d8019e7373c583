"""``integrations --json`` is answered from a cache that follows the integrations' code."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher_tui.cli import catalog_cache
from launcher_tui.cli.main import main
from tests.cli.support import Cli


def test_second_run_answers_the_same_from_the_cache(cli: Cli) -> None:
    first = cli("integrations", "--json")
    assert first.code == 0
    cached = list((cli.data_dir / "cache").glob("integrations-*.json"))
    assert len(cached) == 1
    second = cli("integrations", "--json")
    assert second.code == 0 and second.json() == first.json()
    assert {"sonarr", "http", "customapi"} <= {i["id"] for i in second.json()["integrations"]}


def test_fingerprint_follows_the_integration_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import integrations

    plugin_dir = tmp_path / "more"
    plugin_dir.mkdir()
    monkeypatch.setattr(integrations, "__path__", [*integrations.__path__, str(plugin_dir)])
    before = catalog_cache.fingerprint()
    assert catalog_cache.fingerprint() == before  # stable while nothing changes
    (plugin_dir / "newone.py").write_text("INTEGRATION = None\n")
    assert catalog_cache.fingerprint() != before


def test_integrations_registered_in_process_are_never_hidden_by_the_cache(
    clitest: type,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LAUNCHER_TUI_DATA_DIR", str(tmp_path))
    catalog_cache.save({"integrations": []})  # a catalog from before clitest existed
    assert main(["integrations", "--json"]) == 0
    assert '"clitest"' in capsys.readouterr().out
