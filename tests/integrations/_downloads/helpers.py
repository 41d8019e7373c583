"""What the torrent-client live suites share (the runtime fixture is in ../conftest.py).

The clients apply pause/resume asynchronously (Transmission, qBittorrent and Deluge report the
new state 0.5-2 s later, measured on the Debian packages), so live tests poll with
:func:`settle` instead of sleeping a fixed time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from launcher_tui.runtime import Runtime, Target


async def settle(
    runtime: Runtime,
    target: Target,
    endpoint: str,
    done: Callable[[Any], bool],
    timeout: float = 20.0,
) -> Any:
    """Fetch ``endpoint`` (bypassing the cache) until ``done(data)`` or ``timeout``; return data."""
    deadline = time.monotonic() + timeout
    while True:
        data = (await runtime.fetch(target, endpoint, force=True)).value.data
        if done(data) or time.monotonic() > deadline:
            return data
        await asyncio.sleep(0.3)


def statuses(data: Any) -> dict[str, str]:
    """A list endpoint's rows as ``{title: status}``."""
    return {row.title: row.status for row in data.rows}


async def pause_all_then_resume_all(
    runtime: Runtime, target: Target, extra: dict[str, Any]
) -> None:
    """Run both actions on a live client seeding one torrent and stalled on another.

    ``extra`` is the live service's ``seeding_torrent``/``stalled_torrent`` names: every torrent
    must show as Paused after ``pause_all``, and each its old status after ``resume_all``.
    """
    await runtime.run_action(target, "pause_all")
    paused = await settle(
        runtime, target, "torrents", lambda d: set(statuses(d).values()) == {"Paused"}
    )
    assert set(statuses(paused).values()) == {"Paused"}
    await runtime.run_action(target, "resume_all")
    expected = {extra["seeding_torrent"]: "Seeding", extra["stalled_torrent"]: "Stalled"}
    resumed = await settle(runtime, target, "torrents", lambda d: statuses(d) == expected)
    assert statuses(resumed) == expected
