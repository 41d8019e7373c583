"""A wrong or missing key never destroys data (issue 9 §3, `wrong_key_edit_loses_secret.py`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from launcher_tui import crypto, paths
from launcher_tui.services import Services, open_services
from launcher_tui.services.errors import ValidationFailed

WRONG = "Zq7-wrong-but-strong-Vx93kLm2Pp"


def blobs(data_dir: Path) -> dict[str, bytes]:
    conn = sqlite3.connect(data_dir / paths.DB_FILENAME)
    rows = conn.execute("SELECT name, integration_config FROM app")
    out = {name: bytes(blob or b"") for name, blob in rows}
    conn.close()
    return out


def test_partial_edit_under_a_wrong_key_is_refused_naming_what_to_give(
    services: Services, media_app, dirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.apps.add(media_app())
    services.close()
    before = blobs(dirs[0])
    monkeypatch.setenv(crypto.ENV_KEY, WRONG)
    with open_services() as wrong:
        with pytest.raises(ValidationFailed) as refused:
            wrong.apps.update("Sonarr", {"config": {"username": "bob"}})
        errors = refused.value.errors
        assert set(errors) == {"config", "config.api_key", "config.password"}
        assert "(api_key, password)" in errors["config"]
        assert crypto.ENV_KEY in errors["config"] and "encryption.key" in errors["config"]
        # a masked secret is not a new value either
        with pytest.raises(ValidationFailed):
            wrong.apps.update("Sonarr", {"config": {"api_key": "••••••", "password": None}})
    assert blobs(dirs[0]) == before  # nothing written
    monkeypatch.delenv(crypto.ENV_KEY)
    with open_services() as right:
        assert right.apps.target("Sonarr").config["api_key"] == media_app()["config"]["api_key"]


def test_a_missing_key_file_is_never_recreated_for_a_store_with_encrypted_settings(
    services: Services, media_app, dirs
) -> None:
    services.apps.add(media_app())
    services.close()
    key_file = paths.key_path(dirs[1])
    key_file.unlink()
    before = blobs(dirs[0])
    with open_services() as fresh:
        for attempt in (
            lambda: fresh.apps.update("Sonarr", {"config": {"api_key": "new", "password": None}}),
            lambda: fresh.apps.add(media_app(name="Radarr")),
        ):
            with pytest.raises(crypto.KeyMissingError) as missing:
                attempt()
            assert crypto.ENV_KEY in missing.value.message
            assert str(key_file) in missing.value.message
            assert not key_file.exists()
        assert [a.name for a in fresh.apps.list()] == ["Sonarr"]
    assert blobs(dirs[0]) == before


def test_a_store_without_encrypted_settings_still_gets_its_key_created(
    services: Services, media_app, dirs
) -> None:
    services.apps.add({"name": "Router", "url": "http://r"})
    services.apps.add(media_app())
    assert paths.key_path(dirs[1]).exists()
