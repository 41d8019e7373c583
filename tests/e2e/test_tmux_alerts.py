"""End to end in tmux: a critical alert from a board that is not shown reaches the banner and
the terminal's title bar (OSC 2, read back as tmux's pane title), at 80x24."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from launcher_tui.services import open_services
from tests.e2e.test_tmux import ROOT, Tmux, launcher_command, pytestmark  # noqa: F401
from tests.support.loopback import LoopbackServer, Response
from tests.support.router_alert import add_router


@pytest.fixture
def seeded_tmux(
    tmp_path: Path, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Tmux]:
    data, config = tmp_path / "data", tmp_path / "config"
    monkeypatch.setenv("LAUNCHER_TUI_DATA_DIR", str(data))
    monkeypatch.setenv("LAUNCHER_TUI_CONFIG_DIR", str(config))
    monkeypatch.delenv("INTEGRATION_ENCRYPTION_KEY", raising=False)
    loopback.route("GET", "/status", Response(200, {"state": "down"}))
    with open_services() as services:
        services.first_run()
        board = services.boards.add({"name": "Network"})
        add_router(services, loopback.url, board.id)
    socket = f"lt-e2e-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    command = launcher_command()
    assert command is not None
    subprocess.run(
        [
            *("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "main"),
            *("-x", "80", "-y", "24", command),
        ],
        check=True,
        env=env,
    )
    session = Tmux(socket)
    try:
        yield session
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def test_hidden_boards_alert_reaches_banner_and_terminal_title(seeded_tmux: Tmux) -> None:
    tmux = seeded_tmux
    tmux.wait_for("router is down")  # the Network board is never shown
    title = tmux.run("display-message", "-p", "-t", "main", "#{pane_title}")
    assert "1 critical" in title, title
    tmux.keys("l")  # the launcher: the alert stays
    tmux.wait_for("Router")
    assert "router is down" in tmux.screen().text
    tmux.keys("A")  # acknowledged: the banner says so, the title loses the count
    tmux.wait_for("1 acknowledged")
    tmux.wait(
        "the title without the count",
        lambda _s: (
            "critical" not in tmux.run("display-message", "-p", "-t", "main", "#{pane_title}")
        ),
    )
    tmux.keys("q")
