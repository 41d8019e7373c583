"""The CLI in-process (``main([...])``) with the network-free ``clitest`` integration."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from launcher_tui.cli.main import main
from launcher_tui.cli.output import MASK
from tests.cli.fake_integration import GOOD_KEY

pytestmark = pytest.mark.usefixtures("isolated_dirs", "clitest")


class Run:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.seen: list[str] = []

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = self.capsys.readouterr()
        self.seen += [captured.out, captured.err]
        return code, captured.out, captured.err

    def json(self, *args: str) -> tuple[int, Any]:
        code, out, _ = self(*args, "--json")
        return code, json.loads(out)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("CLITEST_KEY", GOOD_KEY)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: confirmations must refuse
    return Run(capsys)


def add(run: Run, name: str = "box", *extra: str) -> None:
    code, _, err = run(
        "apps",
        "add",
        name,
        "--url",
        "http://127.0.0.1:9",
        "--integration",
        "clitest",
        "--set",
        "api_key=env:CLITEST_KEY",
        *extra,
    )
    assert code == 0, err


def test_settings_are_typed_by_the_schema(run: Run) -> None:
    add(
        run,
        "box",
        "--set",
        "retries=4",
        "--set",
        "ratio=0.25",
        "--set",
        "verbose=yes",
        "--set",
        "tags=a, b,c",
        "--set",
        "level=warning",
    )
    code, data = run.json("apps", "show", "box")
    assert code == 0
    assert data["config"] == {
        "api_key": MASK,
        "level": "warning",
        "retries": 4,
        "ratio": 0.25,
        "verbose": True,
        "tags": ["a", "b", "c"],
    }
    assert data["actions"][0]["id"] == "pause_all"
    code, out, _ = run("test-connection", "box")
    assert (code, "retries=4, tags=a,b,c" in out) == (0, True)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("retries", "expects KEY=VALUE"),
        ("retries=many", "expected a whole number"),
        ("verbose=perhaps", "expected true/false"),
        ("colour=red", "Settings: api_key, level"),
        ("api_key=env:NOT_SET_ANYWHERE", "NOT_SET_ANYWHERE is not set"),
        ("api_key=@/nonexistent/key", "cannot read /nonexistent/key"),
        ("level=loud", "config.level"),
    ],
)
def test_bad_settings_exit_2_with_one_line(run: Run, setting: str, message: str) -> None:
    code, _, err = run(
        "apps",
        "add",
        "x",
        "--url",
        "http://127.0.0.1:9",
        "--integration",
        "clitest",
        "--set",
        setting,
    )
    assert code == 2
    assert message in err
    assert err.startswith("launcher-tui: error:")
    assert run("apps", "list", "--json")[1].count('"name"') == 0  # nothing was stored


def test_secret_sources_file_stdin_and_prompt(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(GOOD_KEY + "\n")
    add(run, "from-file", "--set", f"api_key=@{key_file}")
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_KEY + "\n"))
    code, _, err = run(
        "apps",
        "add",
        "from-stdin",
        "--url",
        "http://127.0.0.1:9",
        "--integration",
        "clitest",
        "--set",
        "api_key=-",
    )
    assert code == 0, err
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_KEY + "\n"))
    code, _, err = run(
        "apps",
        "add",
        "prompted",
        "--url",
        "http://127.0.0.1:9",
        "--integration",
        "clitest",
        "--prompt-secrets",
    )
    assert code == 0, err
    for name in ("from-file", "from-stdin", "prompted"):
        assert run("test-connection", name)[0] == 0
    assert not any(GOOD_KEY in text for text in run.seen)


def test_a_literal_secret_works_but_warns(run: Run) -> None:
    code, _, err = run(
        "apps",
        "add",
        "lit",
        "--url",
        "http://127.0.0.1:9",
        "--integration",
        "clitest",
        "--set",
        f"api_key={GOOD_KEY}",
    )
    assert code == 0
    assert "shell history" in err and GOOD_KEY not in err


def test_leaked_secret_in_an_error_message_is_redacted(run: Run) -> None:
    code, out, err = run(
        "test-connection",
        "--integration",
        "clitest",
        "--url",
        "http://127.0.0.1:9",
        "--set",
        "api_key=wrong-key-abcdef",
        "--json",
    )
    assert code == 1
    data = json.loads(out)
    assert data["error"]["code"] == "invalid_auth"
    assert "wrong-key-abcdef" not in out + err
    assert f"the key {MASK} was refused" in data["error"]["message"]


def test_fetch_renders_each_kind_and_takes_options(run: Run) -> None:
    add(run)
    code, out, _ = run("fetch", "box", "numbers")
    assert code == 0 and "Wanted" in out and "3" in out
    code, out, _ = run("fetch", "box", "usage")
    assert code == 0 and "[WARNING]" in out and "91%" in out
    code, data = run.json("fetch", "box", "items", "--option", "limit=5")
    assert code == 0 and len(data["data"]["rows"]) == 5 and data["renderer"] == "list"
    code, out, err = run("fetch", "box", "items", "--option", "limit=50")
    assert code == 2 and "limit" in err
    code, out, err = run("fetch", "box", "numbers", "--option", "limit=5")
    assert code == 2 and "takes no --option" in err
    code, _, err = run("fetch", "box", "item")
    assert code == 2 and "Did you mean: items" in err and "numbers, usage, items, status" in err
    code, _, err = run("fetch", "bx", "numbers")
    assert code == 2 and "Did you mean: box" in err


def test_fetch_from_a_plain_launcher_entry_is_an_input_error(run: Run) -> None:
    """Nothing is wrong with the environment: the app simply has no integration to ask."""
    code, _, _ = run("apps", "add", "wiki", "--url", "http://wiki.lan")
    assert code == 0
    code, data = run.json("fetch", "wiki", "status")
    assert code == 2
    assert data["error"]["code"] == "no_integration"
    assert "--integration" in data["error"]["hint"]


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([], 0),
        (["info"], 0),
        (["warning"], 1),
        (["warning", "critical"], 2),
        (["warning", "fail"], 3),
        (["critical", "fail"], 2),
        (["ok", "fail"], 3),
    ],
)
def test_alerts_exit_code_rule(run: Run, levels: list[str], expected: int) -> None:
    for n, level in enumerate(levels):
        add(run, f"app{n}", "--set", f"level={level}")
    code, data = run.json("alerts")
    assert code == expected
    assert data["exit_code"] == expected
    assert len(data["unchecked"]) == levels.count("fail")
    assert sorted(a["severity"] for a in data["alerts"]) == sorted(
        lv for lv in levels if lv not in ("ok", "fail")
    )


def test_alerts_skip_disabled_apps(run: Run) -> None:
    add(run, "loud", "--set", "level=critical")
    assert run("alerts")[0] == 2
    assert run("apps", "edit", "loud", "--disable-integration")[0] == 0
    code, out, _ = run("alerts")
    assert code == 0 and "0 apps checked" in out


def test_action_needs_yes_without_a_terminal(run: Run, clitest: Any) -> None:
    add(run)
    code, _, err = run("action", "box", "pause_all")
    assert code == 2 and "--yes" in err
    assert clitest.calls == []
    code, out, _ = run("action", "box", "pause_all", "--yes")
    assert code == 0 and "paused 3 items" in out
    assert clitest.calls == ["pause_all:box"]
    code, _, err = run("action", "box", "pause")
    assert code == 2 and "Did you mean: pause_all" in err


def test_remove_refuses_without_tty_and_yes(run: Run) -> None:
    add(run)
    code, _, err = run("apps", "remove", "box")
    assert code == 2 and "without --yes" in err
    assert "box" in run("apps", "list")[1]
    assert run("apps", "remove", "box", "--yes")[0] == 0
    assert "box" not in run("apps", "list")[1]


def test_boards_and_widgets(run: Run) -> None:
    add(run)
    assert run("boards", "add", "Main", "--columns", "3")[0] == 0
    code, data = run.json(
        "widgets", "add", "Main", "box", "items", "--option", "limit=2", "--w", "2"
    )
    assert code == 0 and data["options"] == {"limit": 2} and data["kind"] == "list"
    code, data = run.json("widgets", "list", "--board", "main")
    assert [w["endpoint"] for w in data["widgets"]] == ["items"]
    code, _, err = run("widgets", "add", "Mian", "box", "items")
    assert code == 2 and "Did you mean: Main" in err
    code, _, err = run("widgets", "add", "Main", "box", "nope")
    assert code == 2 and "Endpoints:" in err
    code, data = run.json("boards", "list")
    assert data["boards"][0]["widget_count"] == 1
    assert run("widgets", "remove", str(data["boards"][0]["id"] * 0 + 1))[0] == 0
    assert run("boards", "remove", "Main")[0] == 2
    assert run("boards", "remove", "Main", "--yes")[0] == 0
    assert run.json("boards", "list")[1] == {"boards": []}


def test_edit_merges_settings_and_keeps_the_secret(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(run, "box", "--set", "retries=2")
    assert run("apps", "edit", "box", "--set", "retries=5", "--group", "Lab")[0] == 0
    code, data = run.json("apps", "show", "box")
    assert data["config"]["retries"] == 5 and data["group"] == "Lab"
    assert run("test-connection", "box")[0] == 0  # the stored key survived the edit
    monkeypatch.setenv("OTHER_KEY", "other-key-123456")
    assert run("apps", "edit", "box", "--set", "api_key=env:OTHER_KEY")[0] == 0
    code, out, _ = run("test-connection", "box")
    assert code == 1 and "invalid_auth" in out and "other-key-123456" not in out
    code, _, err = run("apps", "edit", "box")
    assert code == 2 and "nothing to change" in err


def test_unexpected_errors_are_one_line_unless_debug(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("launcher_tui.cli.commands.catalog.run", boom)
    monkeypatch.setattr("launcher_tui.cli.data.open_data", boom)
    code, _, err = run("apps", "list")
    assert code == 4
    assert err.strip().splitlines() == [
        "launcher-tui: error: unexpected RuntimeError: kaput (run with --debug for details)"
    ]
    code, _, err = run("apps", "list", "--debug")
    assert code == 4 and "Traceback" in err and "kaput" in err


def test_no_command_without_dashboard_shows_help(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        "importlib.util.find_spec",
        lambda name, *a: None if name == "launcher_tui.app" else real(name, *a),
    )
    code, out, err = run()
    assert code == 0
    assert "not installed" in err and "test-connection" in out


def test_no_command_starts_the_dashboard(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.machinery
    import sys
    import types

    started: list[bool] = []
    fake = types.ModuleType("launcher_tui.app")
    fake.__spec__ = importlib.machinery.ModuleSpec("launcher_tui.app", None)
    fake.run = lambda debug=False: started.append(debug)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "launcher_tui.app", fake)
    assert run()[0] == 0
    assert started == [False]  # no --debug: a crash prints one line, not a traceback


def test_key_rotate_reencrypts_and_keeps_apps_working(run: Run) -> None:
    add(run)
    before = run.json("key", "status")[1]["fingerprint"]
    code, data = run.json("key", "rotate")
    assert code == 0 and data["reencrypted"] == 1
    assert data["fingerprint"] != before
    assert run("test-connection", "box")[0] == 0
