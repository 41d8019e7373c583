"""Wrong/missing keys degrade to a per-app state; rotation is all-or-nothing and crash-safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from launcher_tui import crypto, paths
from launcher_tui.services import Services, open_services
from launcher_tui.services.errors import KeyRotationError, WeakKeyError

STRONG = "Qm7x-Rt2v-Lp9z-Hc4k-Wn8s"


def _blobs(data_dir: Path) -> dict[str, bytes]:
    conn = sqlite3.connect(data_dir / paths.DB_FILENAME)
    rows = conn.execute(
        "SELECT name, integration_config FROM app WHERE integration_config NOT NULL"
    )
    out = {name: bytes(blob) for name, blob in rows}
    conn.close()
    return out


def _set_blob(data_dir: Path, name: str, blob: bytes) -> None:
    conn = sqlite3.connect(data_dir / paths.DB_FILENAME)
    conn.execute("UPDATE app SET integration_config = ? WHERE name = ?", (blob, name))
    conn.commit()
    conn.close()


def _two_apps(services: Services, media_app) -> None:
    services.apps.add(media_app())
    services.apps.add(media_app(name="Radarr", config={"api_key": "radarr-key"}))
    services.apps.add({"name": "Router", "url": "http://r"})


def test_key_file_created_on_first_secret_only(services: Services, media_app, dirs) -> None:
    key_file = paths.key_path(dirs[1])
    services.apps.add({"name": "Router", "url": "http://r"})
    assert not key_file.exists()
    services.apps.add(media_app())
    assert key_file.exists()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert not str(key_file).startswith(str(dirs[0]))  # kept apart from the database
    status = services.keys.status()
    assert (status.source, status.matches_check) == ("file", True)


def test_wrong_key_marks_apps_and_keeps_the_rest_working(
    services: Services, media_app, dirs
) -> None:
    _two_apps(services, media_app)
    services.close()
    key_file = paths.key_path(dirs[1])
    key_file.unlink()
    crypto.write_key_file(key_file, crypto.generate_key())  # the old key is lost
    with open_services() as fresh:
        apps = {a.name: a for a in fresh.apps.list()}
        assert apps["Sonarr"].config_state == "undecryptable"
        assert "re-enter it" in apps["Sonarr"].config_message
        assert apps["Sonarr"].config == {}
        assert apps["Router"].config_state == "none"
        assert fresh.keys.status().matches_check is False
        assert fresh.keys.status().undecryptable_apps == ["Radarr", "Sonarr"]
        assert [t.app_name for t in fresh.apps.targets()] == []
        # a partial edit cannot be merged onto unreadable settings
        with pytest.raises(Exception, match="must give every secret"):
            fresh.apps.update("Sonarr", {"config": {"username": "x"}})
        # re-entering replaces them; the key check follows once nothing is left on the old key
        fresh.apps.update("Sonarr", {"config": {"api_key": "re-entered", "password": None}})
        assert fresh.apps.target("Sonarr").config["api_key"] == "re-entered"
        assert fresh.keys.status().matches_check is False
        fresh.apps.update("Radarr", {"config": {"api_key": "again", "password": None}})
        assert fresh.keys.status().matches_check is True


def test_missing_key_file_is_reported_not_fatal(services: Services, media_app, dirs) -> None:
    _two_apps(services, media_app)
    services.close()
    paths.key_path(dirs[1]).unlink()
    with open_services() as fresh:
        record = fresh.apps.get("Sonarr")
        assert record.config_state == "undecryptable"
        assert "missing" in record.config_message
        assert fresh.apps.get("Router").name == "Router"


def test_damaged_value_is_corrupt_not_wrong_key(services: Services, media_app, dirs) -> None:
    _two_apps(services, media_app)
    blob = bytearray(_blobs(dirs[0])["Sonarr"])
    blob[-5] ^= 0xFF
    _set_blob(dirs[0], "Sonarr", bytes(blob))
    record = services.apps.get("Sonarr")
    assert record.config_state == "corrupt"
    assert "damaged" in record.config_message
    assert services.apps.get("Radarr").config_state == "ok"


def test_value_copied_to_another_app_does_not_decrypt(services: Services, media_app, dirs) -> None:
    _two_apps(services, media_app)
    _set_blob(dirs[0], "Radarr", _blobs(dirs[0])["Sonarr"])
    assert services.apps.get("Radarr").config_state == "corrupt"
    with pytest.raises(Exception, match="damaged"):
        services.apps.target("Radarr")


def test_env_key_is_used_and_weak_one_reported(
    services: Services, media_app, monkeypatch: pytest.MonkeyPatch, dirs
) -> None:
    monkeypatch.setenv(crypto.ENV_KEY, STRONG)
    services.keys.keyring.forget()
    services.apps.add(media_app())
    assert not paths.key_path(dirs[1]).exists()
    assert services.keys.status().source == "env"
    monkeypatch.setenv(crypto.ENV_KEY, "changeme")
    services.keys.keyring.forget()
    record = services.apps.get("Sonarr")  # reading keeps working
    assert record.config_state == "undecryptable" and crypto.ENV_KEY in record.config_message
    assert "too short" in services.keys.status().problem
    with pytest.raises(WeakKeyError):
        services.apps.add(media_app(name="Radarr"))


def test_rotate_to_new_key_file(services: Services, media_app, secret: str, dirs) -> None:
    _two_apps(services, media_app)
    key_file = paths.key_path(dirs[1])
    old_key = crypto.read_key_file(key_file)
    before = _blobs(dirs[0])
    assert services.keys.rotate() == 2
    after = _blobs(dirs[0])
    new_key = crypto.read_key_file(key_file)
    assert new_key.material != old_key.material
    assert stat_mode(key_file) == 0o600
    assert not services.keys.keyring.staged_file.exists()
    for name, blob in after.items():
        assert blob != before[name]
        assert crypto.blob_key_id(blob) == new_key.key_id
        with pytest.raises(crypto.WrongKeyError):
            crypto.decrypt_config(old_key, blob, services.apps.get(name).id)
    assert services.apps.target("Sonarr").config["api_key"] == secret
    assert services.keys.status().matches_check is True
    services.close()
    with open_services() as fresh:  # a new process reads the new key file
        assert fresh.apps.target("Radarr").config["api_key"] == "radarr-key"


def test_rotate_to_explicit_key_and_to_env_value(
    services: Services, media_app, monkeypatch: pytest.MonkeyPatch, dirs
) -> None:
    _two_apps(services, media_app)
    raw = crypto.generate_key().material
    assert services.keys.rotate(raw) == 2
    assert crypto.read_key_file(paths.key_path(dirs[1])).material == raw
    assert services.keys.rotate(STRONG) == 2
    assert crypto.read_key_file(paths.key_path(dirs[1])).material == raw  # untouched
    services.close()
    monkeypatch.setenv(crypto.ENV_KEY, STRONG)
    with open_services() as fresh:
        assert fresh.apps.target("Sonarr").config["api_key"]
        with pytest.raises(KeyRotationError, match="is set"):
            fresh.keys.rotate()
        with pytest.raises(WeakKeyError):
            fresh.keys.rotate("password")


def test_rotation_failure_midway_changes_nothing(
    services: Services, media_app, monkeypatch: pytest.MonkeyPatch, dirs
) -> None:
    _two_apps(services, media_app)
    key_file = paths.key_path(dirs[1])
    key_before = key_file.read_bytes()
    blobs_before = _blobs(dirs[0])
    real = crypto.encrypt_config
    calls = []

    def failing(key, config, app_id):
        calls.append(app_id)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        return real(key, config, app_id)

    monkeypatch.setattr(crypto, "encrypt_config", failing)
    with pytest.raises(OSError, match="simulated"):
        services.keys.rotate()
    assert len(calls) == 2  # the first app had been re-encrypted inside the transaction
    assert _blobs(dirs[0]) == blobs_before
    assert key_file.read_bytes() == key_before
    assert not services.keys.keyring.staged_file.exists()
    monkeypatch.setattr(crypto, "encrypt_config", real)
    assert services.apps.get("Sonarr").config_state == "ok"
    assert services.keys.status().matches_check is True


def test_rotation_refused_when_something_cannot_be_decrypted(
    services: Services, media_app, dirs
) -> None:
    _two_apps(services, media_app)
    blob = bytearray(_blobs(dirs[0])["Radarr"])
    blob[-1] ^= 1
    _set_blob(dirs[0], "Radarr", bytes(blob))
    before = _blobs(dirs[0])
    with pytest.raises(KeyRotationError, match="Radarr"):
        services.keys.rotate()
    assert _blobs(dirs[0]) == before


def test_crash_between_commit_and_key_file_rename_recovers(
    services: Services, media_app, monkeypatch: pytest.MonkeyPatch, dirs
) -> None:
    _two_apps(services, media_app)

    def crash(staged: Path, path: Path) -> None:
        raise KeyboardInterrupt  # the process dies right after the commit

    monkeypatch.setattr(crypto, "replace_key_file", crash)
    with pytest.raises(KeyboardInterrupt):
        services.keys.rotate()
    services.close()
    monkeypatch.undo()
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(dirs[0]))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(dirs[1]))
    staged = paths.key_path(dirs[1]).with_name(paths.KEY_FILENAME + ".new")
    assert staged.exists()
    with open_services() as fresh:  # recovery keeps the key the database is under
        assert not staged.exists()
        assert fresh.apps.target("Sonarr").config["api_key"]
        assert fresh.keys.status().matches_check is True


def test_crash_before_commit_discards_staged_key(services: Services, media_app, dirs) -> None:
    _two_apps(services, media_app)
    staged = services.keys.keyring.staged_file
    crypto.write_key_file(staged, crypto.generate_key())  # staged, then died before commit
    services.close()
    with open_services() as fresh:
        assert not staged.exists()
        assert fresh.apps.target("Sonarr").config["api_key"]


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
