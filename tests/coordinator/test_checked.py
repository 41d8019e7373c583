"""A check that changes nothing still reaches ``checked`` listeners, with the check's entry."""

from __future__ import annotations

from launcher_tui.coordinator import CoordinatorHub, Update
from launcher_tui.runtime import Runtime
from tests.coordinator.test_coordinator import TARGET, Scripted, scripted  # noqa: F401


async def test_unchanged_checks_reach_checked_listeners_only(scripted: Scripted) -> None:  # noqa: F811
    hub = CoordinatorHub(Runtime())
    coordinator = hub.coordinator(TARGET, "value")
    changed: list[Update] = []
    checked: list[Update] = []
    unsubscribe = coordinator.subscribe(changed.append, 60, checked=checked.append)
    first = await coordinator.refresh_once(force=True)
    assert len(changed) >= 1 and first.entry is not None
    changes_so_far = len(changed)
    second = await coordinator.refresh_once(force=True)  # same value: nothing new to draw
    assert len(changed) == changes_so_far
    assert checked and checked[-1] is second
    assert second.entry is not None and second.entry.fetched_at >= first.entry.fetched_at
    assert second.entry is not first.entry  # a new check, not the old entry again
    checks_so_far = len(checked)
    scripted.value = 2.0
    await coordinator.refresh_once(force=True)
    assert len(changed) == changes_so_far + 1 and len(checked) == checks_so_far
    unsubscribe()
    hub.stop()
