"""The dashboard process imports with the garbage collector held, then freezes the imports and
collects as usual (issue #11 P1/P4, :mod:`launcher_tui.startup_gc`).

A Python caller (this suite) keeps its collector untouched: ``release`` does nothing unless
``hold`` turned the collector off.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from launcher_tui import startup_gc
from tests.support.scripts import run_script


class Node:
    """An object that can be part of a reference cycle and be watched with a weak reference."""

    def __init__(self) -> None:
        self.other: object = None


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The collector as it was before the test, whatever the test did (frozen objects too)."""
    was_enabled = gc.isenabled()
    monkeypatch.setattr(startup_gc, "_held", False)  # put back (not held) after the test
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def cycle() -> weakref.ref[Node]:
    """A two-object reference cycle nothing else refers to: only the collector can free it."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_release_without_hold_changes_nothing(collector: None) -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    assert startup_gc.release() is False
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_hold_keeps_imports_from_the_collector_and_release_freezes_them(
    collector: None,
) -> None:
    startup_gc.hold()
    assert startup_gc.held() and not gc.isenabled()
    during_start = cycle()
    kept = [Node() for _ in range(3 * gc.get_threshold()[0])]  # enough for automatic runs
    assert during_start() is not None and kept  # held: no automatic collection ran

    assert startup_gc.release() is True
    assert gc.isenabled() and not startup_gc.held()
    assert gc.get_freeze_count() > 0
    after_start = cycle()
    gc.collect()
    assert after_start() is None  # collected as usual from now on
    assert during_start() is not None  # frozen with the imports: never walked again
    assert startup_gc.release() is False  # once only


def test_hold_leaves_a_collector_someone_else_turned_off(collector: None) -> None:
    gc.disable()
    startup_gc.hold()
    assert not startup_gc.held()
    assert startup_gc.release() is False
    assert not gc.isenabled()  # still off: it was not ours to turn on


def test_dashboard_starts_with_the_imports_frozen(
    collector: None, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``launcher_tui.app.run`` releases the collector once everything is imported, before the
    app runs (the app's ``run`` is replaced: no terminal here)."""
    from launcher_tui import app as app_module

    seen: list[tuple[bool, int]] = []
    monkeypatch.setattr(
        app_module.LauncherApp,
        "run",
        lambda self, **_: seen.append((gc.isenabled(), gc.get_freeze_count())),
    )
    startup_gc.hold()
    assert app_module.run() == 0
    assert len(seen) == 1
    enabled, frozen = seen[0]
    assert enabled and frozen > 10_000  # Textual, pydantic, httpx and ours at least


@pytest.mark.parametrize(
    ("call", "enabled_after"),
    [
        ("sys.argv = ['launcher-tui', 'integrations', '--json']; main()", False),
        ("main(['integrations', '--json'])", True),
    ],
    ids=["process-entry-holds", "python-caller-untouched"],
)
def test_only_the_process_entry_holds_the_collector(
    tmp_path: Path, call: str, enabled_after: bool
) -> None:
    script = (
        "import gc, sys\n"
        "from launcher_tui.cli.main import main\n"
        f"{call}\n"
        "print('GC-ENABLED', gc.isenabled())\n"
    )
    proc = run_script(script, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"integrations"' in proc.stdout  # the command really ran
    assert f"GC-ENABLED {enabled_after}" in proc.stdout
