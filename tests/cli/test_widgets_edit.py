"""``launcher-tui widgets edit``: title, refresh, place, size and options of a widget in place."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.cli.test_commands import Run, add, run  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.usefixtures("isolated_dirs", "clitest")


def widget(run: Run) -> int:  # noqa: F811 - the fixture
    add(run)
    assert run("boards", "add", "Main", "--columns", "3")[0] == 0
    code, data = run.json("widgets", "add", "Main", "box", "items", "--option", "limit=2")
    assert code == 0
    return data["id"]


def test_edit_changes_only_what_is_given(run: Run) -> None:  # noqa: F811
    wid = widget(run)
    code, data = run.json(
        "widgets", "edit", str(wid), "--title", "Downloads", "--refresh", "20", "--w", "2"
    )
    assert code == 0
    assert (data["title"], data["refresh_interval"], data["w"]) == ("Downloads", 20, 2)
    # (a list is added 2x2, as in the dashboard: only the width changed here)
    assert data["options"] == {"limit": 2} and (data["x"], data["y"], data["h"]) == (0, 0, 2)
    code, data = run.json("widgets", "edit", str(wid), "--option", "limit=4")
    assert data["options"] == {"limit": 4} and data["title"] == "Downloads"
    code, data = run.json("widgets", "edit", str(wid), "--title", "", "--refresh", "default")
    assert data["title"] is None and data["refresh_interval"] is None
    assert data["effective_refresh"] != 20  # back to the endpoint's own interval
    code, out, _ = run("widgets", "list")
    assert "limit=4" in out and f"{data['effective_refresh']:g}s" in out
    run("widgets", "edit", str(wid), "--title", "My list")
    assert "My list" in run("widgets", "list")[1]


def test_edit_refusals_say_why(run: Run) -> None:  # noqa: F811
    wid = widget(run)
    code, _, err = run("widgets", "edit", str(wid), "--option", "limit=99")
    assert code == 2 and "limit" in err
    code, _, err = run("widgets", "edit", str(wid), "--w", "5")
    assert code == 2 and "3 columns" in err
    code, _, err = run("widgets", "edit", str(wid))
    assert code == 2 and "nothing to change" in err
    code, _, err = run("widgets", "edit", str(wid), "--refresh", "soon")
    assert code == 2 and "number of seconds" in err
    code, _, err = run("widgets", "edit", "999", "--w", "1")
    assert code == 2
    code, data = run.json("widgets", "list")
    assert data["widgets"][0]["options"] == {"limit": 2}  # nothing refused was stored


def test_widgets_edit_does_not_import_textual() -> None:
    probe = (
        "import sys, launcher_tui.cli.commands.boards as b, launcher_tui.services.widgets;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
