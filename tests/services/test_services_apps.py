"""AppService: CRUD, validation mapped to fields, masking, secrets kept on edit, targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher_tui import paths
from launcher_tui.services import Services
from launcher_tui.services.configs import MASK
from launcher_tui.services.errors import (
    AlreadyExists,
    ConfigUnavailable,
    NotFound,
    ValidationFailed,
)


def test_add_get_list_remove(services: Services, media_app, secret: str) -> None:
    added = services.apps.add(media_app(group="Media", description="TV"))
    other = services.apps.add({"name": "Router", "url": "https://192.168.1.1"})
    assert added.id != other.id
    assert services.apps.get("sonarr").id == added.id  # names are case-insensitive
    assert services.apps.get(added.id).name == "Sonarr"
    assert services.apps.get(str(other.id)).name == "Router"
    assert [a.name for a in services.apps.list()] == ["Sonarr", "Router"]
    assert added.group == "Media" and added.integration == "testmedia"
    assert added.config_state == "ok" and other.config_state == "none"
    removed = services.apps.remove("Sonarr")
    assert removed.name == "Sonarr"
    with pytest.raises(NotFound, match="Known: Router"):
        services.apps.get("Sonarr")


def test_integration_of_reads_no_settings(
    services: Services, media_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A board card needs only the integration id: no decryption, so no cost and no failure."""
    added = services.apps.add(media_app())
    services.apps.add({"name": "Router", "url": "https://192.168.1.1"})

    def no_decryption(*args: object) -> None:
        raise AssertionError("integration_of decrypted the settings")

    monkeypatch.setattr(services.apps.keyring, "open", no_decryption)
    assert services.apps.integration_of(added.id) == "testmedia"
    assert services.apps.integration_of("sonarr") == "testmedia"
    assert services.apps.integration_of("Router") is None
    with pytest.raises(NotFound, match="Known: "):
        services.apps.integration_of("Radarr")


def test_records_never_hold_secrets(services: Services, media_app, secret: str) -> None:
    record = services.apps.add(media_app(config={"api_key": secret, "username": "bob"}))
    assert record.config["api_key"] == MASK
    assert record.config["password"] is None  # unset secrets are not shown as set
    assert record.config["username"] == "bob"
    assert record.secret_fields == ["api_key", "password"]
    for shown in (record, services.apps.get("Sonarr"), *services.apps.list()):
        assert secret not in shown.model_dump_json()
        assert secret not in repr(shown)


def test_target_is_the_only_decrypted_view(services: Services, media_app, secret: str) -> None:
    services.apps.add(media_app(verify_tls=False))
    target = services.apps.target("Sonarr")
    assert target.config["api_key"] == secret
    assert target.integration_id == "testmedia"
    assert target.url == "http://127.0.0.1:8989"
    assert target.verify_tls is False
    assert secret not in repr(target)
    assert [t.app_name for t in services.apps.targets()] == ["Sonarr"]


def test_target_of_plain_app_is_refused(services: Services) -> None:
    services.apps.add({"name": "Router", "url": "https://192.168.1.1"})
    with pytest.raises(ConfigUnavailable, match="no integration"):
        services.apps.target("Router")


def test_empty_or_masked_secret_keeps_stored_one(services: Services, media_app, secret) -> None:
    services.apps.add(media_app())
    services.apps.update("Sonarr", {"config": {"api_key": "", "username": "carol"}})
    assert services.apps.target("Sonarr").config["api_key"] == secret
    services.apps.update("Sonarr", {"config": {"api_key": MASK}})
    services.apps.update("Sonarr", {"config": {"api_key": None, "timeout": "30"}})
    config = services.apps.target("Sonarr").config
    assert config == {**config, "api_key": secret, "username": "carol", "timeout": 30}
    services.apps.update("Sonarr", {"config": {"api_key": "new-key-value"}})
    assert services.apps.target("Sonarr").config["api_key"] == "new-key-value"


def test_partial_update_merges_and_none_resets(services: Services, media_app) -> None:
    services.apps.add(media_app(config={"api_key": "k", "username": "bob", "timeout": 5}))
    services.apps.update("Sonarr", {"config": {"timeout": 60}})
    assert services.apps.target("Sonarr").config["username"] == "bob"
    services.apps.update("Sonarr", {"config": {"username": None}})
    assert services.apps.target("Sonarr").config["username"] == "admin"


def test_update_plain_fields_and_rename(services: Services, media_app) -> None:
    services.apps.add(media_app())
    updated = services.apps.update("Sonarr", {"name": "TV", "url": "https://tv.lan", "icon": "📺"})
    assert (updated.name, updated.url, updated.icon) == ("TV", "https://tv.lan", "📺")
    assert updated.config_state == "ok"
    assert services.apps.target("TV").config["api_key"]


def test_validation_errors_are_per_field(services: Services) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.apps.add(
            {
                "name": "Sonarr",
                "url": "http://127.0.0.1:8989",
                "integration": "testmedia",
                "config": {"timeout": 500, "bogus": 1},
            }
        )
    errors = info.value.errors
    assert set(errors) == {"config.api_key", "config.timeout", "config.bogus"}
    assert "required" in errors["config.api_key"].lower()
    assert info.value.to_dict()["errors"] == errors


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("url", "192.168.1.10:8080", "scheme"),
        ("url", "http://", "host"),
        ("url", "http://host:99999", "port"),
        ("name", "", "at least 1"),
        ("name", "two\nlines", "single line"),
        ("ca_bundle", "/nonexistent/ca.pem", "no such file"),
    ],
)
def test_bad_app_fields(services: Services, field: str, value: str, fragment: str) -> None:
    data = {"name": "App", "url": "http://h", field: value}
    with pytest.raises(ValidationFailed) as info:
        services.apps.add(data)
    assert fragment in info.value.errors[field]


def test_other_schemes_and_ca_bundle_accepted(services: Services, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    for i, url in enumerate(["nut://ups.lan:3493", "unix:///run/docker.sock", "tcp://10.0.0.2:1"]):
        services.apps.add({"name": f"a{i}", "url": url, "ca_bundle": str(bundle)})
    assert services.apps.get("a0").ca_bundle == str(bundle.resolve())


def test_url_required_unless_integration_says_otherwise(services: Services) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.apps.add({"name": "Nothing"})
    assert "needs a URL" in info.value.errors["url"]
    with pytest.raises(ValidationFailed) as info:
        services.apps.add({"name": "Tv", "integration": "testmedia", "config": {"api_key": "k"}})
    assert "Test Media needs" in info.value.errors["url"]
    assert services.apps.add({"name": "Box", "integration": "system"}).url == ""


def test_unknown_integration_lists_installed(services: Services) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.apps.add({"name": "X", "url": "http://h", "integration": "nosuch"})
    message = info.value.errors["integration"]
    assert "nosuch" in message and "testmedia" in message and "Installed" in message


def test_duplicate_names(services: Services, media_app) -> None:
    services.apps.add(media_app())
    with pytest.raises(AlreadyExists) as info:
        services.apps.add(media_app(name="SONARR"))
    assert "already exists" in info.value.errors["name"]
    services.apps.add({"name": "Other", "url": "http://h"})
    with pytest.raises(AlreadyExists):
        services.apps.update("Other", {"name": "sonarr"})


def test_change_and_remove_integration(services: Services, media_app) -> None:
    services.apps.add(media_app())
    with pytest.raises(ValidationFailed) as info:
        services.apps.update("Sonarr", {"integration": "nosuch"})
    assert "integration" in info.value.errors
    assert services.apps.get("Sonarr").integration == "testmedia"  # unchanged
    switched = services.apps.update("Sonarr", {"integration": "system"})
    assert switched.integration == "system" and switched.config == {}
    plain = services.apps.update("Sonarr", {"integration": None})
    assert plain.integration is None and plain.config_state == "none"


def test_failed_update_changes_nothing(services: Services, media_app) -> None:
    services.apps.add(media_app())
    with pytest.raises(ValidationFailed):
        services.apps.update("Sonarr", {"name": "Renamed", "config": {"timeout": 0}})
    assert services.apps.get("Sonarr").config["timeout"] == 10


def test_database_never_holds_a_secret_in_clear(
    services: Services, media_app, secret: str, dirs: tuple[Path, Path]
) -> None:
    services.apps.add(media_app())
    services.apps.add(media_app(name="Radarr", config={"api_key": secret + "-2"}))
    services.apps.update("Sonarr", {"config": {"password": secret + "-pw"}})
    services.apps.update("Radarr", {"config": {"api_key": ""}})
    data_dir = dirs[0]
    wal = data_dir / (paths.DB_FILENAME + "-wal")
    assert wal.exists()  # the store is still open: the changes sit in the WAL
    raw = b"".join(p.read_bytes() for p in data_dir.iterdir())
    assert b"Radarr" in raw  # sanity: these are the files our data went to
    assert secret.encode() not in raw
    assert secret.encode("utf-16-le") not in raw
    services.close()
    raw = b"".join(p.read_bytes() for p in data_dir.iterdir())
    assert b"Radarr" in raw and secret.encode() not in raw


def test_locked_database_is_a_typed_error(dirs: tuple[Path, Path], fakes: None) -> None:
    import sqlite3

    from launcher_tui.services import open_services
    from launcher_tui.services.errors import DatabaseLocked

    with open_services(busy_timeout_ms=100) as services:
        services.apps.add({"name": "Router", "url": "http://r"})
        holder = sqlite3.connect(dirs[0] / paths.DB_FILENAME, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseLocked, match="locked by another process") as info:
                services.apps.add({"name": "Switch", "url": "http://s"})
            assert info.value.code == "database_locked"
            assert [a.name for a in services.apps.list()] == ["Router"]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
