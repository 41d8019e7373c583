"""The CLI on a store it must not damage: missing key, read-only or empty database (issue 9)."""

from __future__ import annotations

from launcher_tui import crypto
from tests.cli.support import Cli


def test_cli_missing_key_exits_3_and_names_both_key_sources(cli: Cli) -> None:
    env = {"TOK": "token-A-secret"}
    added = cli("apps", "add", "A", "--url", "http://127.0.0.1:9", "--integration",
                "customapi", "--set", "auth=header", "--set", "token=env:TOK", env=env)  # fmt: skip
    assert added.code == 0, added
    key_file = cli.config_dir / "encryption.key"
    key_file.unlink()
    result = cli("apps", "edit", "A", "--set", "token=env:TOK", env=env)
    assert result.code == 3, result
    assert crypto.ENV_KEY in result.err and str(key_file) in result.err
    assert not key_file.exists()


def test_cli_on_a_read_only_database_reads_and_refuses_writes_with_exit_3(cli: Cli) -> None:
    assert cli("boards", "add", "Home").code == 0
    db = cli.data_dir / "launcher-tui.db"
    db.chmod(0o400)
    assert cli("boards", "list").code == 0
    result = cli("apps", "add", "Z", "--url", "http://x.invalid")
    assert result.code == 3, result
    assert "read-only" in result.err and str(db) in result.err
    assert db.stat().st_mode & 0o777 == 0o400


def test_cli_on_an_empty_database_file_exits_3_naming_it(cli: Cli) -> None:
    import os

    cli.data_dir.mkdir(parents=True)
    db = cli.data_dir / "launcher-tui.db"
    db.touch()
    os.utime(db, (0, 0))  # not a file being created right now
    result = cli("apps", "list")
    assert result.code == 3, result
    assert str(db) in result.err and "empty" in result.err
    assert db.stat().st_size == 0
