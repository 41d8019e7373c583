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
