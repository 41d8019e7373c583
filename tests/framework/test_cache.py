"""TTLCache: coalescing, per-key TTL, stale-on-error, cancellation, keys."""

from __future__ import annotations

import asyncio
import time

import pytest

from launcher_tui.cache import TTLCache, cache_key
from tests.support.clock import until
from tests.support.tasks import others_running


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Upstream:
    """A loader that counts calls, can be held on an Event, and can be made to fail."""

    def __init__(self) -> None:
        self.calls = 0
        self.gate: asyncio.Event | None = None
        self.fail: Exception | None = None

    async def __call__(self) -> int:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return self.calls


async def test_concurrent_callers_share_one_upstream_call() -> None:
    cache, upstream = TTLCache(), Upstream()
    upstream.gate = asyncio.Event()
    callers = [asyncio.create_task(cache.get("a:x", 30, upstream)) for _ in range(10)]
    await until(lambda: upstream.calls == 1)  # every caller has asked by then (FIFO start)
    upstream.gate.set()
    entries = await asyncio.gather(*callers)
    assert {e.value for e in entries} == {1}
    assert cache.upstream_calls["a:x"] == 1


async def test_fresh_values_skip_upstream_and_force_refreshes() -> None:
    clock, upstream = Clock(), Upstream()
    cache = TTLCache(clock=clock)
    assert (await cache.get("a:x", 30, upstream)).value == 1
    clock.now += 29
    assert (await cache.get("a:x", 30, upstream)).value == 1
    assert upstream.calls == 1
    assert (await cache.get("a:x", 30, upstream, force=True)).value == 2
    clock.now += 31
    assert (await cache.get("a:x", 30, upstream)).value == 3


async def test_ttl_is_per_key() -> None:
    clock = Clock()
    cache = TTLCache(clock=clock)
    fast, slow = Upstream(), Upstream()
    await cache.get("a:speed", 5, fast)
    await cache.get("a:library", 600, slow)
    clock.now += 10
    await cache.get("a:speed", 5, fast)
    await cache.get("a:library", 600, slow)
    assert (fast.calls, slow.calls) == (2, 1)
    clock.now += 6
    assert cache.is_fresh("a:library", 600) and not cache.is_fresh("a:speed", 5)


async def test_stale_value_on_error_and_errors_are_not_cached() -> None:
    clock, upstream = Clock(), Upstream()
    cache = TTLCache(clock=clock)
    good = await cache.get("a:x", 10, upstream)
    fetched_at = good.fetched_at
    clock.now += 11
    upstream.fail = ConnectionError("down")
    stale = await cache.get("a:x", 10, upstream)
    assert stale.stale and stale.value == 1 and isinstance(stale.error, ConnectionError)
    assert stale.fetched_at == fetched_at  # the age is that of the good value
    assert stale.age(now=fetched_at + 42) == 42
    # a stale entry is not fresh: the next call tries upstream again at once
    assert not cache.is_fresh("a:x", 10)
    await cache.get("a:x", 10, upstream)
    assert upstream.calls == 3
    upstream.fail = None
    recovered = await cache.get("a:x", 10, upstream)
    assert not recovered.stale and recovered.error is None and recovered.value == 4


async def test_error_without_a_previous_value_propagates() -> None:
    cache, upstream = TTLCache(), Upstream()
    upstream.fail = ValueError("boom")
    with pytest.raises(ValueError, match="boom"):
        await cache.get("a:x", 10, upstream)
    assert cache.peek("a:x") is None
    upstream.fail = None
    assert (await cache.get("a:x", 10, upstream)).value == 2  # nothing cached: tried again


async def test_one_caller_cancelling_does_not_cancel_the_shared_call() -> None:
    cache, upstream = TTLCache(), Upstream()
    upstream.gate = asyncio.Event()
    quitter = asyncio.create_task(cache.get("a:x", 30, upstream))
    stayer = asyncio.create_task(cache.get("a:x", 30, upstream))
    await until(lambda: upstream.calls == 1)
    quitter.cancel()  # a widget unmounted mid-fetch
    await until(quitter.done)
    upstream.gate.set()
    assert (await stayer).value == 1
    assert quitter.cancelled()
    assert cache.peek("a:x") is not None and upstream.calls == 1


async def test_a_lone_cancelled_caller_still_fills_the_cache() -> None:
    cache, upstream = TTLCache(), Upstream()
    upstream.gate = asyncio.Event()
    task = asyncio.create_task(cache.get("a:x", 30, upstream))
    await until(lambda: upstream.calls == 1)
    task.cancel()
    upstream.gate.set()
    await until(lambda: cache.peek("a:x") is not None)
    assert (await cache.get("a:x", 30, upstream)).value == 1


async def test_invalidate_by_prefix() -> None:
    cache = TTLCache()
    for key in ("1:a", "1:b", "12:a", "2:a"):
        await cache.get(key, 60, Upstream())
    cache.invalidate("1:")
    assert [k for k in ("1:a", "1:b", "12:a", "2:a") if cache.peek(k)] == ["12:a", "2:a"]


def test_cache_key() -> None:
    assert cache_key(7, "queue") == "7:queue"
    assert cache_key("7", "queue", {}) == "7:queue"
    one = cache_key(7, "query", {"q": "up", "step": 30})
    assert one.startswith("7:query#")
    assert one == cache_key(7, "query", {"step": 30, "q": "up"})  # order does not matter
    assert one != cache_key(7, "query", {"q": "down", "step": 30})


async def test_fetched_at_is_wall_clock() -> None:
    cache = TTLCache()
    before = time.time()
    entry = await cache.get("a:x", 10, Upstream())
    assert before <= entry.fetched_at <= time.time()


async def test_a_call_from_before_an_invalidate_stores_nothing() -> None:
    cache, upstream = TTLCache(), Upstream()
    upstream.gate = asyncio.Event()
    before = asyncio.create_task(cache.get("a:x", 30, upstream))
    await until(lambda: upstream.calls == 1)
    cache.invalidate("a:")  # e.g. the app's settings changed
    after = asyncio.create_task(cache.get("a:x", 30, upstream))
    await until(lambda: upstream.calls == 2)  # not joined to the call from before
    upstream.gate.set()
    assert {(await before).value, (await after).value} == {2}  # Upstream answers its call count
    entry = cache.peek("a:x")
    assert entry is not None and entry.value == 2 and cache.upstream_calls["a:x"] == 2


async def test_aclose_cancels_calls_in_flight() -> None:
    cache, upstream = TTLCache(), Upstream()
    upstream.gate = asyncio.Event()
    caller = asyncio.create_task(cache.get("a:x", 30, upstream))
    await until(lambda: upstream.calls == 1)
    caller.cancel()
    await cache.aclose()
    assert others_running() == []
