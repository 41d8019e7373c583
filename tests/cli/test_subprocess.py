"""The installed CLI as a subprocess against the real ``sonarr`` integration on a loopback server.

The server runs in this process (a thread); the CLI subprocess talks to it over 127.0.0.1, so
the whole path is real: argument parsing, the encrypted store, the runtime, httpx, the
integration, rendering and exit codes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from launcher_tui.cli.output import MASK
from tests.cli.support import SONARR_KEY, Cli, closed_port, sonarr_routes
from tests.support.loopback import LoopbackServer, Response

NEW_KEY = "sk-CLI-rotated-0a1b2c3d4e5f60718293"
WRONG_KEY = "sk-CLI-wrong-99887766554433221100"
KEYS = {"SONARR_KEY": SONARR_KEY, "NEW_KEY": NEW_KEY, "WRONG_KEY": WRONG_KEY}


def test_sonarr_flow_and_no_secret_anywhere(cli: Cli, loopback: LoopbackServer) -> None:
    cli.env.update(KEYS)
    sonarr_routes(loopback)
    url = loopback.url

    added = cli(
        "apps",
        "add",
        "tv",
        "--url",
        url,
        "--integration",
        "sonarr",
        "--set",
        "api_key=env:SONARR_KEY",
        "--group",
        "Media",
    )
    assert added.code == 0, added
    listed = cli("apps", "list")
    assert listed.code == 0 and "tv" in listed.out and "sonarr" in listed.out
    shown = cli("apps", "show", "tv", "--json")
    assert shown.json()["config"]["api_key"] == MASK
    assert [e["id"] for e in shown.json()["endpoints"]][:2] == ["counts", "queue"]
    assert MASK in cli("apps", "show", "tv").out

    ok = cli("test-connection", "tv")
    assert ok.code == 0, ok
    assert "Sonarr 4.0.14.2939" in ok.out
    assert loopback.requests_to("/api/v3/system/status")[-1].header("X-Api-Key") == SONARR_KEY

    wrong = cli(
        "test-connection",
        "--integration",
        "sonarr",
        "--url",
        url,
        "--set",
        "api_key=env:WRONG_KEY",
        "--json",
    )
    assert wrong.code == 1, wrong
    assert wrong.json()["ok"] is False
    assert wrong.json()["error"]["code"] == "invalid_auth"
    assert wrong.json()["error"]["hint"]
    human = cli(
        "test-connection", "--integration", "sonarr", "--url", url, "--set", "api_key=env:WRONG_KEY"
    )
    assert human.code == 1 and "[invalid_auth]" in human.out and "hint:" in human.out

    dead = f"http://127.0.0.1:{closed_port()}"
    unreachable = cli(
        "test-connection",
        "--integration",
        "sonarr",
        "--url",
        dead,
        "--set",
        "api_key=env:SONARR_KEY",
        "--json",
    )
    assert unreachable.code == 1
    assert unreachable.json()["error"]["code"] == "cannot_connect"

    counts = cli("fetch", "tv", "counts", "--json")
    assert counts.code == 0, counts
    data = counts.json()
    assert data["renderer"] == "stat"
    assert [(s["label"], s["value"]) for s in data["data"]["stats"]] == [
        ("Wanted", 3),
        ("Queued", 2),
        ("Series", 2),
    ]
    progress = cli("fetch", "tv", "queue_progress")
    assert progress.code == 0 and "75.0%" in progress.out and "Show S01E02" in progress.out
    calendar = cli("fetch", "tv", "calendar", "--option", "days=3", "--json")
    assert calendar.code == 0 and calendar.json()["data"]["rows"] == []
    unknown = cli("fetch", "tv", "queues")
    assert unknown.code == 2 and "Did you mean: queue" in unknown.err

    assert cli("alerts").code == 0
    sonarr_routes(
        loopback, health=[{"source": "IndexerCheck", "type": "warning", "message": "No indexers"}]
    )
    warning = cli("alerts", "--json")
    assert (warning.code, warning.json()["status"]) == (1, "warning"), warning
    assert warning.json()["alerts"][0]["source"] == "tv"
    assert (
        cli(
            "apps",
            "add",
            "tv-dead",
            "--url",
            dead,
            "--integration",
            "sonarr",
            "--set",
            "api_key=env:SONARR_KEY",
        ).code
        == 0
    )
    unchecked = cli("alerts")
    assert unchecked.code == 3, unchecked
    assert "tv-dead: could not be checked" in unchecked.out
    sonarr_routes(
        loopback, health=[{"source": "DiskSpaceCheck", "type": "error", "message": "Disk full"}]
    )
    critical = cli("alerts")
    assert critical.code == 2 and "CRITICAL  tv: Disk full" in critical.out

    loopback.clear()
    sonarr_routes(loopback, NEW_KEY)
    assert cli("test-connection", "tv").code == 1  # the service now wants the new key
    assert (
        cli("apps", "edit", "tv", "--set", "api_key=env:NEW_KEY", "--description", "TV").code == 0
    )
    edited = cli("test-connection", "tv", "--json")
    assert edited.code == 0 and edited.json()["ok"] is True
    assert cli("apps", "show", "tv", "--json").json()["description"] == "TV"

    refused = cli("apps", "remove", "tv")
    assert refused.code == 2 and "--yes" in refused.err
    assert cli("apps", "remove", "tv", "--yes").code == 0
    assert "tv" not in [a["name"] for a in cli("apps", "list", "--json").json()["apps"]]

    for result in cli.transcript:
        for secret in KEYS.values():
            assert secret not in result.out + result.err, result
    stored = b"".join(
        p.read_bytes() for p in cli.data_dir.iterdir() if p.name.startswith("launcher-tui.db")
    )
    assert b"tv-dead" in stored  # proves we read the files the CLI wrote
    for secret in KEYS.values():
        assert secret.encode() not in stored


def test_secret_is_never_in_the_database_or_its_wal(cli: Cli) -> None:
    cli.env["SONARR_KEY"] = SONARR_KEY
    assert (
        cli(
            "apps",
            "add",
            "fresh",
            "--url",
            "http://127.0.0.1:9",
            "--integration",
            "sonarr",
            "--set",
            "api_key=env:SONARR_KEY",
        ).code
        == 0
    )
    files = {p.name: p.read_bytes() for p in cli.data_dir.iterdir()}
    assert "launcher-tui.db" in files
    joined = b"".join(files.values())
    assert b"fresh" in joined
    assert SONARR_KEY.encode() not in joined
    with sqlite3.connect(cli.db_path) as db:
        (blob,) = db.execute("SELECT integration_config FROM app WHERE name = 'fresh'").fetchone()
    assert blob and SONARR_KEY.encode() not in blob


def test_corrupt_database_is_reported_and_left_untouched(cli: Cli) -> None:
    cli.data_dir.mkdir(parents=True)
    garbage = b"this is not an sqlite database\x00" * 200
    cli.db_path.write_bytes(garbage)
    for args in (
        ("apps", "list"),
        ("apps", "add", "x", "--url", "http://127.0.0.1:9"),
        ("alerts",),
    ):
        result = cli(*args)
        assert result.code == 3, result
        assert "cannot be read" in result.err and "[database_corrupt]" in result.err
    as_json = cli("apps", "list", "--json")
    assert as_json.code == 3 and as_json.json()["error"]["code"] == "database_corrupt"
    assert hashlib.sha256(cli.db_path.read_bytes()).digest() == hashlib.sha256(garbage).digest()
    assert sorted(p.name for p in cli.data_dir.iterdir()) == ["launcher-tui.db"]


def test_locked_database_is_reported(cli: Cli) -> None:
    assert cli("boards", "add", "Main").code == 0
    holder = sqlite3.connect(cli.db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = cli("boards", "add", "Other")
    finally:
        holder.close()
    assert result.code == 3, result
    assert "is locked" in result.err and "[database_locked]" in result.err
    assert [b["name"] for b in cli("boards", "list", "--json").json()["boards"]] == ["Main"]


def test_wrong_encryption_key_is_an_environment_error(cli: Cli, loopback: LoopbackServer) -> None:
    sonarr_routes(loopback)
    first = {"INTEGRATION_ENCRYPTION_KEY": "Kq8vN2xR7tLm4pW9zB3c", "SONARR_KEY": SONARR_KEY}
    assert (
        cli(
            "apps",
            "add",
            "tv",
            "--url",
            loopback.url,
            "--integration",
            "sonarr",
            "--set",
            "api_key=env:SONARR_KEY",
            env=first,
        ).code
        == 0
    )
    other = {"INTEGRATION_ENCRYPTION_KEY": "Zx4Wq9Lp2Mn7Rt5Vb8Cd"}
    result = cli("fetch", "tv", "counts", env=other)
    assert result.code == 3, result
    assert "cannot be decrypted" in result.err
    assert "undecryptable" in cli("apps", "list", env=other).out
    assert cli("fetch", "tv", "counts", env=first).code == 0


def test_bad_input_is_one_clear_line(cli: Cli) -> None:
    cases = [
        (
            ("apps", "add", "x", "--url", "http://h:1", "--integration", "nope"),
            "No integration 'nope'",
        ),
        (
            (
                "apps",
                "add",
                "x",
                "--url",
                "http://h:1",
                "--integration",
                "sonarr",
                "--set",
                "api_key",
            ),
            "expects KEY=VALUE",
        ),
        (("apps", "add", "x", "--url", "not a url"), "url"),
        (("fetch", "missing", "counts"), "no app named 'missing'"),
        (
            (
                "test-connection",
                "--integration",
                "sonarr",
                "--url",
                "http://h:1",
                "--set",
                "apikey=1",
            ),
            "has no setting 'apikey'",
        ),
        (("widgets", "remove", "42"), "No widget '42'"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.code == 2, result
        assert message in result.err, result
        assert result.err.startswith("launcher-tui: error:"), result
    usage = cli("apps", "frobnicate")
    assert usage.code == 2 and "invalid choice" in usage.err


def test_headless_commands_never_import_textual(cli: Cli, loopback: LoopbackServer) -> None:
    sonarr_routes(loopback)
    cli.env["SONARR_KEY"] = SONARR_KEY
    assert (
        cli(
            "apps",
            "add",
            "tv",
            "--url",
            loopback.url,
            "--integration",
            "sonarr",
            "--set",
            "api_key=env:SONARR_KEY",
        ).code
        == 0
    )
    script = """
import sys
from launcher_tui.cli.main import main
report = []
def check(label):
    report.append(label + "=" + str("textual" in sys.modules))
import integrations.registry
integrations.registry.registry.list()
check("registry")
import launcher_tui.services
launcher_tui.services.open_services().close()
check("services")
for args in (["integrations"], ["apps", "list"], ["apps", "show", "tv"], ["fetch", "tv", "counts"],
             ["test-connection", "tv"], ["alerts", "--json"], ["widgets", "list"], ["key", "status"]):
    main(args)
    check("_".join(args))
print("RESULT", " ".join(report))
"""
    proc, line = run_script(cli, script)
    report = dict(item.split("=") for item in line.split()[1:])
    assert len(report) == 10, proc.stdout
    assert set(report.values()) == {"False"}, report
    assert "Sonarr 4.0.14.2939" in proc.stdout  # the commands really ran


def test_http_check_test_connection_builds_only_what_it_needs(
    cli: Cli, loopback: LoopbackServer
) -> None:
    """``test-connection`` of an http:// HTTP check (P5, issue #11) leaves out the store's record
    schemas, the integrations' data models and the CA bundle: none of them is needed for it."""
    loopback.route("GET", "/", Response(200, "hello"))
    assert cli("apps", "add", "site", "--url", loopback.url, "--integration", "http").code == 0
    script = """
import sys
from launcher_tui.cli.main import main
code = main(["test-connection", "site"])
from integrations import tls
loaded = [m for m in ("launcher_tui.services.schemas", "integrations.models") if m in sys.modules]
print("RESULT", code, loaded, tls.default_context.cache_info().currsize,
      tls.deferred_default_context().cert_store_stats()["x509_ca"])
"""
    proc, line = run_script(cli, script)
    assert "OK  site: Up: HTTP 200" in proc.stdout, proc
    assert line == "RESULT 0 [] 0 0", proc.stdout


def run_script(cli: Cli, script: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run ``script`` in a fresh interpreter on the CLI's store; returns it and its RESULT line."""
    env = {
        **os.environ,
        **cli.env,
        "LAUNCHER_TUI_DATA_DIR": str(cli.data_dir),
        "LAUNCHER_TUI_CONFIG_DIR": str(cli.config_dir),
    }
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    return proc, next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
