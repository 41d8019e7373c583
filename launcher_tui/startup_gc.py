"""Start-up without the garbage collector walking the imported modules again and again.

Importing Textual, pydantic, httpx, peewee and our own packages leaves ~103,000 objects tracked
by the cyclic garbage collector (functions, classes, pydantic schemas, CSS), alive as long as the
process; only ~730 of them are garbage (reference cycles left by imports; measured with
``gc.collect()`` right after ``import launcher_tui.app``). Yet CPython's generational collector
walked them over and over: in the dashboard's first 65 s (homepage workload, 20 cards), ~560
collections took 0.41-0.47 s of CPU, 0.29-0.34 s of it in 4 full collections, each walking every
one of those objects (timed with :data:`gc.callbacks`; see BENCHMARKS.md).

:func:`hold` turns the collector off at process entry, so importing triggers no collection.
:func:`release`, called once everything is imported and before the dashboard starts, moves every
tracked object into the permanent generation (:func:`gc.freeze`: no later collection walks them)
and turns the collector back on, so widgets, fetched data and everything else made from then on
are collected as usual, in collections that no longer walk the imports. The ~730 import-time
garbage objects are frozen too (a few hundred KB, once); a full collection to free them first
would cost the start-up about as much as it saves. The :mod:`gc` documentation describes the
same disable-then-freeze sequence for forking servers, for the same reason.

Only the ``launcher-tui`` process holds (:func:`launcher_tui.cli.main.main` called with
``argv=None``). A headless command runs to its end held: it lasts a second or less, and reference
counting frees its memory as usual (only reference cycles wait for the process to exit). A
Python caller, such as the test suite running many dashboards in one process, keeps its
collector as it was, and :func:`release` does nothing there.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Turn the cyclic collector off until :func:`release` (no-op if it is already off)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> bool:
    """Freeze every object tracked now and turn the collector back on.

    Returns True when it did so, False when :func:`hold` had not turned the collector off (or
    it was released already): then nothing is touched.
    """
    global _held
    if not _held:
        return False
    _held = False
    gc.freeze()
    gc.enable()
    return True


def held() -> bool:
    """Whether :func:`hold` turned the collector off and it has not been released yet."""
    return _held
