"""A simulated clock for the refresh coordinator: minutes of polling without sleeping.

The coordinator waits through ``clock.wait(event, seconds)``; :class:`SimulatedClock` records each
waiter's deadline and :meth:`SimulatedClock.run_for` jumps from one deadline to the next — but only
once every poller is waiting again, so real I/O (a loopback server answering) always completes
before time moves on. Upstream requests can then be counted per simulated minute.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable


async def until(predicate: Callable[[], object], timeout: float = 30.0) -> None:
    """Wait (real time) until ``predicate()`` holds; fail after ``timeout`` seconds.

    The timeout is generous on purpose: it only bounds a failing test, and a 2-core machine
    running the suite under full load can take seconds for what takes milliseconds when idle.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.005)


class SimulatedClock:
    """``now``/``time``/``wait`` as :class:`launcher_tui.backoff.Clock`, advanced by the test."""

    def __init__(self, start: float = 1000.0, wall: float = 1_800_000_000.0) -> None:
        self._now = start
        self._wall_offset = wall - start
        self._waiters: list[tuple[float, asyncio.Future[None], asyncio.Event]] = []

    def now(self) -> float:
        return self._now

    def time(self) -> float:
        return self._now + self._wall_offset

    @property
    def waiting(self) -> int:
        """How many tasks are waiting on the clock right now (and not already woken)."""
        return sum(not event.is_set() and not timer.done() for _, timer, event in self._waiters)

    async def wait(self, event: asyncio.Event, seconds: float | None) -> None:
        deadline = math.inf if seconds is None else self._now + max(0.0, seconds)
        timer: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (deadline, timer, event)
        self._waiters.append(entry)
        woken = asyncio.ensure_future(event.wait())
        try:
            await asyncio.wait({timer, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            woken.cancel()
            self._waiters.remove(entry)

    async def settle(self, pollers: int) -> None:
        """Wait until ``pollers`` tasks wait on the clock (every fetch in flight finished)."""
        await until(lambda: self.waiting >= pollers and self.waiting == len(self._waiters))

    async def run_for(self, seconds: float, *, pollers: int) -> None:
        """Advance ``seconds`` of simulated time, deadline by deadline (see module docstring)."""
        end = self._now + seconds
        while True:
            await self.settle(pollers)
            due = min(deadline for deadline, _, _ in self._waiters)
            if due > end:
                self._now = end
                return
            self._now = max(self._now, due)
            fired = [entry for entry in self._waiters if entry[0] <= self._now]
            for _, timer, _ in fired:
                timer.set_result(None)
            await until(lambda f=fired: not any(entry in self._waiters for entry in f))
