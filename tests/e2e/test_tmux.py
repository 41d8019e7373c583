"""End to end: the installed ``launcher-tui`` inside tmux, driven with keys as a person would.

Start on an empty store (first-run board), add an app with an ``http`` check against a loopback
server through the form, put its status on the board, see it fill, quit with ``q``.
``PYTHONPATH`` points at this checkout so the console script runs the code under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.loopback import LoopbackServer, Response

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(
        not (shutil.which("tmux") and shutil.which("launcher-tui")),
        reason="needs tmux and an installed launcher-tui",
    ),
]
ROOT = Path(__file__).resolve().parents[2]


class Tmux:
    """One private tmux server running one session."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", "main", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)
        time.sleep(0.2)

    def screen(self) -> str:
        return self.run("capture-pane", "-t", "main", "-p")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    socket = f"lt-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "LAUNCHER_TUI_DATA_DIR": str(tmp_path / "data"),
        "LAUNCHER_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
    }
    env.pop("INTEGRATION_ENCRYPTION_KEY", None)
    subprocess.run(
        [
            "tmux",
            "-L",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            "100",
            "-y",
            "30",
            "launcher-tui",
        ],
        check=True,
        env=env,
    )
    session = Tmux(socket)
    try:
        yield session
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def test_add_an_http_app_and_its_widget_then_quit(tmux: Tmux, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/health", Response(200, "ok"))
    tmux.wait_for("This machine")
    tmux.wait_for("to add an app")

    tmux.keys("a")
    tmux.wait_for("Add app")
    tmux.type("Web")
    tmux.keys("Tab")
    tmux.type(f"{loopback.url}/health")
    for _ in range(4):  # group, icon, description, integration picker
        tmux.keys("Tab")
    tmux.keys("Enter")
    tmux.type("HTTP")
    tmux.keys("Enter")
    tmux.wait_for("HTTP check (http)")
    time.sleep(0.5)  # the generated settings fields mount
    tmux.keys("C-s")  # probes the loopback server, then saves
    tmux.wait_for("Saved Web")

    tmux.keys("w")
    tmux.wait_for("Add widget")
    tmux.keys("Enter")  # open the app picker, type to jump to the app, pick it
    tmux.type("Web")
    tmux.keys("Enter")
    tmux.wait_for("Status — stat card")
    tmux.keys("C-s")
    screen = tmux.wait_for("Web · Status")
    deadline = time.monotonic() + 15
    while "200" not in screen and time.monotonic() < deadline:
        time.sleep(0.2)
        screen = tmux.screen()
    assert "200" in screen and "up" in screen
    assert loopback.requests_to("/health")

    tmux.keys("Escape", "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = subprocess.run(
            ["tmux", "-L", tmux.socket, "has-session", "-t", "main"], capture_output=True
        )
        if alive.returncode != 0:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("launcher-tui did not quit on q:\n" + tmux.screen())
