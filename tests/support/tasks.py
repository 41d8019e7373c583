"""What is still running on the event loop, for tests that check nothing was left behind."""

from __future__ import annotations

import asyncio


def others_running() -> list[asyncio.Task[object]]:
    """Tasks on the running loop, other than the caller's, that have not ended."""
    current = asyncio.current_task()
    return [t for t in asyncio.all_tasks() if t is not current and not t.done()]
