"""Quitting does not wait for Textual's input thread; suspending still does.

Textual's input thread only notices the stop signal on its next 0.1 s ``select`` tick, and then
sleeps 0.1 s more; joining it made every quit 0.1-0.2 s slower (issue #10). The stand-in thread
here ends only when the test releases it, so "returned while the thread was alive" and "returned
after the thread ended" are facts, not timings.
"""

from __future__ import annotations

import sys
import threading
from types import SimpleNamespace

import pytest

from tests.support.timeouts import REQUEST_TIMEOUT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver needs termios")


def driver_with_input_thread(running: bool):
    """A ``QuickExitDriver`` whose input thread waits for the stop signal, then for ``release``."""
    from launcher_tui.terminal_driver import QuickExitDriver

    driver = QuickExitDriver(SimpleNamespace(is_running=running), mouse=False)  # type: ignore[arg-type]
    release = threading.Event()

    def input_thread() -> None:
        driver.exit_event.wait()
        release.wait(REQUEST_TIMEOUT)  # Textual's last select(0.1) after the stop signal

    thread = threading.Thread(target=input_thread, daemon=True)
    thread.start()
    driver._key_thread = thread
    return driver, thread, release


async def test_shutting_down_does_not_wait_for_the_input_thread() -> None:
    driver, thread, release = driver_with_input_thread(running=False)
    driver.disable_input()
    try:
        assert thread.is_alive(), "disable_input joined the input thread on quit"
        assert driver.exit_event.is_set(), "the input thread was never told to stop"
        driver.disable_input()  # stop_application_mode calls it again: still no wait
        assert thread.is_alive()
    finally:
        release.set()
    thread.join(REQUEST_TIMEOUT)
    assert not thread.is_alive()


async def test_suspending_waits_for_the_input_thread() -> None:
    """A running app hands the terminal to another program: no thread may still read it."""
    from launcher_tui.terminal_driver import QuickExitDriver

    driver = QuickExitDriver(SimpleNamespace(is_running=True), mouse=False)  # type: ignore[arg-type]
    order: list[str] = []

    def input_thread() -> None:
        driver.exit_event.wait(REQUEST_TIMEOUT)
        order.append("input thread ended")

    thread = threading.Thread(target=input_thread, daemon=True)
    thread.start()
    driver._key_thread = thread
    driver.disable_input()
    order.append("disable_input returned")
    assert order == ["input thread ended", "disable_input returned"]
    assert not driver.exit_event.is_set()  # ready for the input thread started on resume


def test_the_dashboard_uses_the_quick_exit_driver() -> None:
    from launcher_tui.app import LauncherApp
    from launcher_tui.terminal_driver import QuickExitDriver

    assert LauncherApp.get_driver_class(object.__new__(LauncherApp)) is QuickExitDriver
