"""``launcher-tui import homepage`` against a real store: secrets, idempotence, dry runs,
one transaction, and fields edited by hand surviving a re-import."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from launcher_tui import paths
from launcher_tui.services import open_services
from tests.importers.conftest import Run

CONFIGS = Path(__file__).parent / "homepage"
SONARR_KEY = "sonarr-KEY-7c1d2e9f"
TR_PASSWORD = "tr-pass-Zq8-unique"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "transmission.pw"
    secret.write_text(TR_PASSWORD + "\n")
    monkeypatch.setenv("HOMEPAGE_VAR_SONARR_KEY", SONARR_KEY)
    monkeypatch.setenv("HOMEPAGE_FILE_TRANSMISSION_PASSWORD", str(secret))
    monkeypatch.delenv("HOMEPAGE_VAR_PIHOLE_KEY", raising=False)


def dump() -> list[tuple[object, ...]]:
    """Every row of every table (the store as bytes would also differ by free pages)."""
    db = sqlite3.connect(paths.db_path(None))
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [(t, *row) for t in sorted(tables) for row in db.execute(f"SELECT * FROM {t}")]
    finally:
        db.close()


def raw_bytes() -> bytes:
    path = paths.db_path(None)
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


@pytest.mark.usefixtures("env")
def test_import_encrypts_secrets_and_reruns_idempotently(run: Run) -> None:
    code, first = run.json("import", "homepage", str(CONFIGS / "docs_example"))
    assert code == 0
    assert [(a["name"], a["action"]) for a in first["apps"]] == [
        ("Transmission", "create"),
        ("Pi-hole", "create"),
        ("Sonarr", "create"),
        ("My First Service", "create"),
        ("Uptime Kuma", "create"),
        ("This machine", "create"),
    ]
    assert first["widgets_added"] == 7 and first["bookmarks"] == {"created": 3, "updated": 0}
    pihole = next(r for r in first["not_mapped"] if r["name"] == "Pi-hole")
    assert "HOMEPAGE_VAR_PIHOLE_KEY is not set: its value was left out" in pihole["reasons"]
    code, again = run.json("import", "homepage", str(CONFIGS / "docs_example"))
    assert code == 0 and {a["action"] for a in again["apps"]} == {"unchanged"}
    assert again["widgets_added"] == 0 and again["bookmarks"] == {"created": 0, "updated": 3}
    with open_services() as services:
        apps = {a.name: a for a in services.apps.list()}
        assert len(apps) == 6 and len(services.widgets.list()) == 7
        assert len(services.bookmarks.list()) == 3
        assert services.apps.target("Sonarr").config["api_key"] == SONARR_KEY
        assert services.apps.target("Transmission").config["password"] == TR_PASSWORD
        assert apps["Sonarr"].source == "homepage" and apps["Sonarr"].source_key == (
            "My First Group/Sonarr"
        )
        assert services.settings.all() == {
            "clock": "on",
            "theme": "textual-dark",
            "title": "My Homelab",
        }
        board = services.boards.get("Homepage")
    assert board.widget_count == 7
    for secret in (SONARR_KEY, TR_PASSWORD):
        assert secret not in run.everything
        assert secret.encode() not in raw_bytes()


@pytest.mark.usefixtures("env")
def test_dry_run_changes_nothing(run: Run) -> None:
    run("boards", "list")  # creates the empty store
    before = dump()
    code, plan = run.json("import", "homepage", str(CONFIGS / "docs_example"), "--dry-run")
    assert code == 0 and plan["dry_run"] is True
    assert len(plan["apps"]) == 6 and plan["widgets_added"] == 7
    sonarr = next(a for a in plan["plan"]["apps"] if a["name"] == "Sonarr")
    assert sonarr["config"] == {"api_key": "••••••"}
    assert dump() == before
    assert not paths.key_path(None).exists()  # no key file made for a dry run
    code, out, _ = run("import", "homepage", str(CONFIGS / "docs_example"), "--dry-run")
    assert code == 0 and "Dry run: nothing was changed." in out and "Pi-hole" in out
    assert SONARR_KEY not in run.everything


@pytest.mark.usefixtures("env")
def test_a_failure_half_way_leaves_the_store_as_it_was(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("import", "homepage", str(CONFIGS / "nested_homelab"))
    before = dump()

    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    # bookmarks come after the apps and widgets: they are already written when this fails
    monkeypatch.setattr("launcher_tui.services.bookmarks.BookmarkService.upsert", broken)
    code, _, err = run("import", "homepage", str(CONFIGS / "docs_example"))
    assert code == 3 and "disk I/O error" in err
    assert dump() == before


@pytest.mark.usefixtures("env")
def test_hand_edits_survive_a_reimport(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "homepage"
    shutil.copytree(CONFIGS / "docs_example", folder)
    run("import", "homepage", str(folder))
    code, _, err = run(
        "apps", "edit", "Sonarr", "--description", "mine", "--group", "My First Group"
    )
    assert code == 0, err
    with open_services() as services:
        assert services.apps.get("Sonarr").user_edited == ["description"]  # group unchanged
    text = (folder / "services.yaml").read_text()
    text = text.replace("Series management", "Series (new text)")
    text = text.replace("http://sonarr.host.or.ip", "http://sonarr.lan:8989")  # href and widget
    (folder / "services.yaml").write_text(text)
    code, result = run.json("import", "homepage", str(folder))
    sonarr = next(a for a in result["apps"] if a["name"] == "Sonarr")
    assert sonarr["action"] == "update" and sonarr["changed"] == ["url"]
    assert sonarr["kept_user_edits"] == ["description"]
    with open_services() as services:
        app = services.apps.get("Sonarr")
    assert (app.description, app.url) == ("mine", "http://sonarr.lan:8989")


def test_name_clash_with_an_app_typed_in(run: Run, tmp_path: Path) -> None:
    code, _, err = run("apps", "add", "Docs", "--url", "http://mine.lan")
    assert code == 0, err
    folder = tmp_path / "hp"
    folder.mkdir()
    (folder / "services.yaml").write_text("- Wiki:\n    - Docs:\n        href: http://wiki.lan\n")
    code, result = run.json("import", "homepage", str(folder))
    assert [a["name"] for a in result["apps"]] == ["Docs (Wiki)"]
    with open_services() as services:
        assert services.apps.get("Docs").url == "http://mine.lan"  # the typed-in app untouched


def test_malformed_yaml_is_an_input_error(run: Run) -> None:
    code, _, err = run("import", "homepage", str(CONFIGS / "malformed"))
    assert code == 2 and "services.yaml line 8, column 11" in err


def test_a_rerun_without_the_variables_keeps_integrations_and_secrets(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "hp"
    shutil.copytree(CONFIGS / "docs_example", folder)
    monkeypatch.setenv("HOMEPAGE_VAR_SONARR_KEY", SONARR_KEY)
    run("import", "homepage", str(folder))
    monkeypatch.delenv("HOMEPAGE_VAR_SONARR_KEY")
    text = (folder / "services.yaml").read_text()  # the API moved off the app URL
    text = text.replace("url: http://sonarr.host.or.ip", "url: http://sonarr-api.lan:8989")
    (folder / "services.yaml").write_text(text)
    code, result = run.json("import", "homepage", str(folder))
    assert code == 0
    sonarr = next(a for a in result["apps"] if a["name"] == "Sonarr")
    assert sonarr["action"] == "update" and sonarr["changed"] == ["config"]
    assert "HOMEPAGE_VAR_SONARR_KEY is not set: its value was left out" in sonarr["problems"]
    with open_services() as services:
        config = services.apps.target("Sonarr").config
    assert config == {"api_key": SONARR_KEY, "api_url": "http://sonarr-api.lan:8989/"}
    (folder / "services.yaml").write_text(
        text.replace("http://sonarr-api.lan:8989", "http://sonarr.host.or.ip")
    )
    run("import", "homepage", str(folder))
    with open_services() as services:  # back on the app URL: the override is gone again
        assert services.apps.target("Sonarr").config == {"api_key": SONARR_KEY, "api_url": None}


@pytest.mark.usefixtures("env")
def test_a_form_save_records_only_what_changed(run: Run) -> None:
    run("import", "homepage", str(CONFIGS / "docs_example"))
    with open_services() as services:
        app = services.apps.get("Sonarr")
        form = {  # what the app form sends back: every field, the secret masked
            "name": app.name,
            "url": "http://sonarr.lan:8989",
            "group": app.group,
            "icon": app.icon,
            "description": app.description,
            "integration": app.integration,
            "config": dict(app.config),
        }
        services.apps.update(app.id, form)
        assert services.apps.get("Sonarr").user_edited == ["url"]
        services.apps.update(app.id, {"config": {"api_key": "typed-by-hand-KEY"}})
        assert services.apps.get("Sonarr").user_edited == ["config", "url"]
        typed = services.apps.add({"name": "Mine", "url": "http://mine.lan"})
        services.apps.update(typed.id, {"url": "http://other.lan"})
        assert services.apps.get("Mine").user_edited == []  # only imported/discovered apps
