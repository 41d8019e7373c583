"""``config export`` / ``config apply``: round trip, secrets as references, diff, prune, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from launcher_tui.config_io.document import SCHEMA_FILE, ConfigDocument, json_schema
from launcher_tui.services import open_services
from tests.importers.conftest import Run

CONFIGS = Path(__file__).parent / "homepage"
ENV = {
    "HOMEPAGE_VAR_SONARR_KEY": "sonarr-KEY-rt-5e1",
    "HOMEPAGE_VAR_ROUTER_TOKEN": "router-TOKEN-rt-77",
    "HOMEPAGE_VAR_BACKUP_PASS": "backup-PASS-rt-31",
    "HOMEPAGE_VAR_HA_TOKEN": "ha-TOKEN-rt-09",
}
SECRETS = {
    "LT_SONARR_API_KEY": ENV["HOMEPAGE_VAR_SONARR_KEY"],
    "LT_ROUTER_API_TOKEN": ENV["HOMEPAGE_VAR_ROUTER_TOKEN"],
    "LT_BACKUPS_PASSWORD": ENV["HOMEPAGE_VAR_BACKUP_PASS"],
    "LT_HOME_ASSISTANT_TOKEN": ENV["HOMEPAGE_VAR_HA_TOKEN"],
}


@pytest.fixture
def populated(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOMEPAGE_FILE_TRANSMISSION_PASSWORD", str(tmp_path / "absent"))
    for folder in ("docs_example", "custom_widgets"):
        code, _, err = run("import", "homepage", str(CONFIGS / folder))
        assert code == 0, err
    assert run("apps", "edit", "Sonarr", "--description", "mine")[0] == 0
    assert run("boards", "add", "Extra", "--columns", "6")[0] == 0
    assert (
        run("widgets", "add", "Extra", "Sonarr", "calendar", "--w", "2", "--option", "days=3")[0]
        == 0
    )
    return run


def export(run: Run, *extra: str) -> str:
    code, out, err = run("config", "export", *extra)
    assert code == 0, err
    return out


def use_store(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAUNCHER_TUI_DATA_DIR", str(tmp_path / name / "data"))
    monkeypatch.setenv("LAUNCHER_TUI_CONFIG_DIR", str(tmp_path / name / "config"))


def test_round_trip(populated: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = export(populated)
    for secret in ENV.values():
        assert secret not in first
    data = yaml.safe_load(first)
    sonarr = next(a for a in data["apps"] if a["name"] == "Sonarr")
    assert sonarr["settings"]["api_key"] == "env:LT_SONARR_API_KEY"
    assert sonarr["user_edited"] == ["description"] and sonarr["source"] == "homepage"
    document = tmp_path / "lab.yaml"
    document.write_text(first)
    use_store(tmp_path, "empty", monkeypatch)
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    code, out, err = populated("config", "apply", str(document))
    assert code == 0, err
    assert "+- name: Sonarr" in out and "Applied." in out
    assert export(populated) == first
    with open_services() as services:
        assert services.apps.target("Sonarr").config["api_key"] == ENV["HOMEPAGE_VAR_SONARR_KEY"]
        assert (
            services.apps.target("Router API").config["token"] == ENV["HOMEPAGE_VAR_ROUTER_TOKEN"]
        )
    code, out, _ = populated("config", "apply", str(document))
    assert code == 0 and out.strip() == "The store already matches the file."
    for secret in ENV.values():
        assert secret not in populated.everything


def test_dry_run_prune_and_missing_secret(
    populated: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = yaml.safe_load(export(populated))
    data["apps"] = [a for a in data["apps"] if a["name"] != "Pi-hole"]
    data["boards"] = [b for b in data["boards"] if b["name"] != "Extra"]
    data["bookmarks"] = data["bookmarks"][:1]
    data["settings"]["title"] = "Renamed lab"
    document = tmp_path / "smaller.yaml"
    document.write_text(yaml.safe_dump(data))
    before = export(populated)
    code, dry = populated.json("config", "apply", str(document), "--prune", "--dry-run")
    assert code == 0 and dry["changed"] and dry["dry_run"]
    assert "-- name: Pi-hole" in dry["diff"] and "+  title: Renamed lab" in dry["diff"]
    assert "-- name: Extra" in dry["diff"]
    assert export(populated) == before
    code, _, err = populated("config", "apply", str(document))  # no --prune: nothing removed
    assert code == 0, err
    with open_services() as services:
        assert services.apps.get("Pi-hole") and len(services.bookmarks.list()) == 3
        assert services.settings.get("title") == "Renamed lab"
    code, _, err = populated("config", "apply", str(document), "--prune")
    assert code == 0, err
    with open_services() as services:
        assert "Pi-hole" not in {a.name for a in services.apps.list()}
        assert [b.name for b in services.boards.list()] == ["Homepage"]
        assert len(services.bookmarks.list()) == 1
    # a new app whose secret reference is not set: refused, nothing changed
    use_store(tmp_path, "fresh", monkeypatch)
    monkeypatch.delenv("LT_SONARR_API_KEY", raising=False)
    code, _, err = populated("config", "apply", str(document))
    assert code == 2 and "LT_SONARR_API_KEY is not set" in err
    with open_services() as services:
        assert services.apps.list() == []


def test_bad_documents_name_the_problem(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\napps:\n  - name: x\n    colour: red\n")
    code, _, err = run("config", "apply", str(bad))
    assert code == 2 and "apps.0.colour" in err
    bad.write_text("version: 1\napps: [\n")
    code, _, err = run("config", "apply", str(bad))
    assert code == 2 and "line 3" in err


def test_schema_file_is_current(run: Run) -> None:
    assert SCHEMA_FILE.read_text() == json_schema(), "regenerate: launcher-tui config schema"
    code, out, _ = run("config", "schema")
    assert code == 0 and json.loads(out)["title"] == "launcher-tui configuration"
    assert set(json.loads(out)["properties"]) == set(ConfigDocument.model_fields)
