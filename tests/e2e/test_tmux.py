"""End to end: the installed ``launcher-tui`` inside tmux, driven with keys as a person would.

Start on an empty store (first-run board), add an app with an ``http`` check against a loopback
server through the form, put its status on the board, see it fill, quit with ``q``.
``PYTHONPATH`` points at this checkout so the console script runs the code under test.

Deterministic under load: nothing is typed before the screen shows it will land where meant —
the field has the focus (:mod:`tests.e2e.screen` reads it from the colours), a picker is open,
the wanted option is highlighted — and every step then waits for its visible effect. Keys are
never paced with sleeps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.screen import Screen
from tests.support.loopback import LoopbackServer, Response

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30.0
"""Seconds any one step may take on a busy machine before the test fails."""
APP_INPUTS = ("Name *", "URL", "Group", "Icon", "Description")


def launcher_command() -> str | None:
    """The console script of the environment running the tests, else the one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "launcher-tui"
    if beside.exists():
        return str(beside)
    near_python = Path(sys.executable).parent / "launcher-tui"
    return str(near_python) if near_python.exists() else shutil.which("launcher-tui")


pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="needs tmux: apt-get install tmux (bash .ci/run provisions it)",
    ),
    pytest.mark.skipif(
        launcher_command() is None,
        reason="needs an installed launcher-tui: pip install . in this environment",
    ),
]


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

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)

    def screen(self) -> Screen:
        return Screen.parse(self.run("capture-pane", "-t", "main", "-p", "-e"))

    def wait(self, what: str, predicate: Callable[[Screen], object]) -> Screen:
        """Poll the pane until ``predicate(screen)`` holds; fail naming ``what``."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {what}; screen was:\n{screen.text}")
            time.sleep(0.05)

    def wait_for(self, text: str) -> Screen:
        return self.wait(repr(text), lambda s: text in s.text)

    def alive(self) -> bool:
        probe = ["tmux", "-L", self.socket, "has-session", "-t", "main"]
        return subprocess.run(probe, capture_output=True).returncode == 0


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
    command = launcher_command()
    assert command is not None
    # tall enough that the app form shows the first of the http check's generated fields
    size = ["-x", "100", "-y", "40"]
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
            *size,
            command,
        ],
        check=True,
        env=env,
    )
    session = Tmux(socket)
    try:
        yield session
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def focus_input(tmux: Tmux, label: str) -> None:
    peers = [p for p in APP_INPUTS if p != label]
    tmux.wait(f"the {label!r} field focused", lambda s: s.input_focused(label, peers))


def fill(tmux: Tmux, label: str, text: str) -> None:
    """Type into the focused field, then wait until the field shows it."""
    focus_input(tmux, label)
    tmux.type(text)
    tmux.wait(f"{text!r} in the {label!r} field", lambda s: text in s.field_text(label))


def pick(tmux: Tmux, label: str, option: str, typed: str) -> None:
    """Choose ``option`` in the picker under ``label``: focus, open, type to jump, confirm.

    A closed picker ends in ▼, an open one in ▲ (and lists its options below).
    """
    tmux.wait(f"the {label!r} picker focused", lambda s: s.select_focused(label))
    tmux.keys("Enter")
    tmux.wait(f"the {label!r} picker open", lambda s: "▲" in s.field_text(label))
    tmux.type(typed)
    tmux.wait(f"{option!r} highlighted", lambda s: s.highlighted(option))
    tmux.keys("Enter")
    tmux.wait(
        f"{option!r} chosen in {label!r}",
        lambda s: "▼" in s.field_text(label) and option in s.field_text(label),
    )


def test_add_an_http_app_and_its_widget_then_quit(tmux: Tmux, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/health", Response(200, "ok"))
    tmux.wait_for("This machine")
    tmux.wait_for("a: add app")

    tmux.keys("a")
    tmux.wait_for("Add app")
    fill(tmux, "Name *", "Web")
    tmux.keys("Tab")
    fill(tmux, "URL", f"{loopback.url}/health")
    for label in ("Group", "Icon", "Description"):
        tmux.keys("Tab")
        focus_input(tmux, label)
    tmux.keys("Tab")
    tmux.wait(
        "the focus leave the text fields",
        lambda s: len({s.field_background(p) for p in APP_INPUTS}) == 1,
    )
    pick(tmux, "Integration", "HTTP check (http)", "HTTP")
    tmux.wait_for("API URL")  # the generated settings fields are mounted
    tmux.keys("C-s")  # probes the loopback server, then saves
    tmux.wait_for("Saved Web")
    tmux.wait("the app form closed", lambda s: "Where the app lives" not in s.text)
    # a new app with an integration offers its main cards: decline, and add one by hand
    tmux.wait_for("Add Web's cards")
    tmux.keys("n")
    tmux.wait("the offer closed", lambda s: "Add Web's cards" not in s.text)

    tmux.keys("w")
    tmux.wait_for("Add widget")
    pick(tmux, "App *", "Web", "Web")
    tmux.wait_for("Status — stat card")
    tmux.keys("C-s")
    tmux.wait_for("Status · Web")
    screen = tmux.wait("the status card filled", lambda s: "200" in s.text and "up" in s.text)
    assert "Refresh every" not in screen.text  # the widget form is closed
    assert loopback.requests_to("/health")

    tmux.keys("q")
    deadline = time.monotonic() + TIMEOUT
    while tmux.alive():
        if time.monotonic() > deadline:
            raise AssertionError("launcher-tui did not quit on q:\n" + tmux.screen().text)
        time.sleep(0.05)
