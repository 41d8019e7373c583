"""Import every built-in integration in the background once the first board is up.

The app form's integration picker lists every integration, which imports all of them (and
their models) the first time it opens: 1-2.5 s on this machine before the form appeared
(issue #11, P8 "open a form"). Importing the modules on a daemon thread a moment after start
moves that cost to a time when nobody waits; the registry then only instantiates what is
already in ``sys.modules``. Only modules are imported here (the registry itself is not touched
from this thread), and a module that fails to import is left for the registry to report.
"""

from __future__ import annotations

import importlib
import threading

from integrations.registry import Registry


def import_integrations(names: list[str]) -> None:
    """Import ``integrations.<name>`` for each name, ignoring failures."""
    for name in names:
        try:
            importlib.import_module(f"integrations.{name}")
        except Exception:  # reported by the registry when it is really used
            continue


def warm_up(registry: Registry) -> threading.Thread:
    """Start importing the built-in integrations on a daemon thread (returned, started)."""
    thread = threading.Thread(
        target=import_integrations,
        args=(registry.builtin_names(),),
        name="integration-warm-up",
        daemon=True,
    )
    thread.start()
    return thread
