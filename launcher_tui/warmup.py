"""Once the first board is up: freeze what start-up built, import the integrations meanwhile.

**Freezing.** Start-up leaves ~130 k long-lived container objects (Textual, pydantic, the
integrations, the board's widgets). Python's cyclic collector traverses all of them in every full
collection, and the allocations of opening a form trigger one now and then: 25-100 ms on this
machine, on top of the form. :func:`freeze_start_up_objects` moves them to the permanent
generation (``gc.freeze()``, the standard remedy for long-running processes), so later
collections only look at what was allocated since.

**Importing.**
The app form's integration picker lists every integration, which imports all of them (and
their models) the first time it opens: 1-2.5 s on this machine before the form appeared
(issue #11, P8 "open a form"). Importing the modules on a daemon thread a moment after start
moves that cost to a time when nobody waits; the registry then only instantiates what is
already in ``sys.modules``. Only modules are imported here (the registry itself is not touched
from this thread), and a module that fails to import is left for the registry to report.
"""

from __future__ import annotations

import gc
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


def freeze_start_up_objects() -> None:
    """Collect once, then keep every object alive now out of later collections."""
    gc.collect()
    gc.freeze()


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
