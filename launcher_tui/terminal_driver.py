"""The terminal driver: Textual's Linux driver, minus a 0.1-0.2 s wait when the dashboard quits.

Textual's ``LinuxDriver`` reads keys on a thread that polls stdin with ``select(0.1)`` and, once
told to stop, makes one more ``select(0.1)`` with nothing registered (a plain 0.1 s sleep). On
quit, ``App._shutdown`` calls ``disable_input()`` first, which joins that thread: the terminal
is restored only 0.1-0.2 s after ``q``, whatever the machine (issue #10: quit <= 200 ms;
``bench/homepage_workload.py`` P8).

When the app is shutting down (``App.is_running`` is already false) nothing needs the thread's
last read: the process ends right after the terminal is restored (``launcher_tui.cli.main.
exit_now``). :class:`QuickExitDriver` then tells the thread to stop without waiting for it; it
ends on its own next tick. Everywhere else (suspend with Ctrl+Z, handing the terminal to another
program) the thread must be gone before the terminal changes hands, so the join is kept.
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class QuickExitDriver(LinuxDriver):
    """``LinuxDriver`` that does not wait for its input thread when the app is shutting down."""

    def disable_input(self) -> None:
        thread = self._key_thread
        if thread is None or self._app.is_running:
            super().disable_input()
            return
        self._key_thread = None  # the parent then signals the thread but skips the join
        try:
            super().disable_input()
        finally:
            # The parent clears the stop signal after its (skipped) join; the thread must still
            # see it, or it would keep reading a terminal that is no longer ours.
            self.exit_event.set()
