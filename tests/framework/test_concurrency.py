"""``all_of``: concurrent awaits that end together (see ``integrations/concurrency.py``)."""

from __future__ import annotations

import asyncio

import pytest

from integrations.concurrency import all_of
from integrations.errors import BadStatusError


async def _value(value: int, gate: asyncio.Event) -> int:
    await gate.wait()
    return value


async def test_results_come_in_argument_order() -> None:
    gate = asyncio.Event()
    gate.set()
    assert await all_of(_value(1, gate), _value(2, gate), _value(3, gate)) == (1, 2, 3)
    assert await all_of() == ()


async def test_the_first_failure_is_raised_unchanged_and_the_rest_are_cancelled() -> None:
    never = asyncio.Event()
    started = asyncio.Event()
    cancelled: list[str] = []

    async def waits() -> int:
        started.set()
        try:
            await never.wait()
        except asyncio.CancelledError:
            cancelled.append("sibling")
            raise
        return 0

    async def fails() -> int:
        await started.wait()
        raise BadStatusError("sonarr: HTTP 500", status_code=500, integration="sonarr")

    with pytest.raises(BadStatusError) as caught:  # not an ExceptionGroup
        await all_of(waits(), fails())
    assert caught.value.status_code == 500
    assert cancelled == ["sibling"]  # already done, not merely asked to stop


async def test_cancelling_the_caller_cancels_every_request() -> None:
    never = asyncio.Event()
    running = 0
    both_running = asyncio.Event()
    cancelled: list[int] = []

    async def waits(n: int) -> None:
        nonlocal running
        running += 1
        if running == 2:
            both_running.set()
        try:
            await never.wait()
        except asyncio.CancelledError:
            cancelled.append(n)
            raise

    caller = asyncio.ensure_future(all_of(waits(1), waits(2)))
    await both_running.wait()
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller
    assert sorted(cancelled) == [1, 2]
