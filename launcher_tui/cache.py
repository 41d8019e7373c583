"""The shared TTL cache in front of every upstream call.

Keys are ``app_id:endpoint_id`` (plus an options digest when a widget passes options), each with
its own TTL. However many widgets show a key, concurrent callers share one in-flight upstream
call, and a fresh value is served without calling upstream at all. When a refresh fails, the
last good value keeps being served, marked stale with its age and the error; errors themselves
are never cached as data, so the next call tries the service again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def cache_key(app_id: str | int, endpoint_id: str, options: dict[str, Any] | None = None) -> str:
    """``app_id:endpoint_id``, with ``#digest`` of the options when there are any."""
    key = f"{app_id}:{endpoint_id}"
    if options:
        blob = json.dumps(options, sort_keys=True, default=str).encode()
        key += "#" + hashlib.sha256(blob).hexdigest()[:12]
    return key


@dataclass(frozen=True)
class CacheEntry(Generic[T]):
    """A value with when it was fetched; ``stale`` with the ``error`` of the failed refresh."""

    value: T
    fetched_at: float  # wall clock (time.time) of the good fetch, for "updated 12 s ago"
    loaded_at: float  # monotonic clock of the good fetch, for TTL arithmetic
    stale: bool = False
    error: BaseException | None = None

    def age(self, now: float | None = None) -> float:
        """Seconds since the value was fetched."""
        return max(0.0, (time.time() if now is None else now) - self.fetched_at)


class TTLCache:
    """Async TTL cache with request coalescing and stale-on-error (see module docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: dict[str, CacheEntry[Any]] = {}
        self._inflight: dict[str, asyncio.Task[CacheEntry[Any]]] = {}
        """The call a new caller of each key joins."""
        self._running: set[asyncio.Task[CacheEntry[Any]]] = set()
        """Every call not yet ended, including ones :meth:`invalidate` detached from their key."""
        self.upstream_calls: Counter[str] = Counter()

    def peek(self, key: str) -> CacheEntry[Any] | None:
        """The current entry without calling upstream (``None`` if never fetched)."""
        return self._entries.get(key)

    def is_fresh(self, key: str, ttl: float) -> bool:
        """Whether ``key`` holds a good value younger than ``ttl``."""
        entry = self._entries.get(key)
        return entry is not None and not entry.stale and self._clock() - entry.loaded_at < ttl

    async def get(
        self, key: str, ttl: float, loader: Callable[[], Awaitable[T]], *, force: bool = False
    ) -> CacheEntry[T]:
        """A fresh value, the in-flight one, or a new upstream call.

        Raises the loader's exception only when there is no previous good value to fall back on.
        ``force`` skips the freshness check (a manual refresh) but still joins an in-flight call.
        """
        if not force and self.is_fresh(key, ttl):
            return self._entries[key]
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._load(key, loader))
            self._inflight[key] = task
            self._running.add(task)
            task.add_done_callback(lambda t, k=key: self._ended(k, t))
        # shield: one caller giving up (a widget unmounted) must not cancel the shared call
        return await asyncio.shield(task)

    def invalidate(self, prefix: str = "") -> None:
        """Drop entries whose key starts with ``prefix`` (all when empty).

        Calls in flight for those keys are detached: they still answer the callers waiting on
        them, but store nothing, and the next caller starts a new call. A call made with an
        app's old settings must not fill the cache after the settings changed.
        """
        for key in [k for k in self._entries if k.startswith(prefix)]:
            del self._entries[key]
        for key in [k for k in self._inflight if k.startswith(prefix)]:
            del self._inflight[key]

    async def aclose(self) -> None:
        """Cancel every call still in flight and wait until they have ended.

        A shared call outlives callers that gave up (see :meth:`get`); without this, one could
        still be talking to a service after its client was closed.
        """
        running = list(self._running)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)

    def _ended(self, key: str, task: asyncio.Task[CacheEntry[Any]]) -> None:
        self._running.discard(task)
        if self._inflight.get(key) is task:
            del self._inflight[key]

    async def _load(self, key: str, loader: Callable[[], Awaitable[T]]) -> CacheEntry[T]:
        self.upstream_calls[key] += 1
        try:
            value = await loader()
        except Exception as exc:
            previous = self._entries.get(key)
            if previous is None:
                raise
            stale = replace(previous, stale=True, error=exc)
            if self._is_current(key):
                self._entries[key] = stale
            return stale
        entry = CacheEntry(value=value, fetched_at=time.time(), loaded_at=self._clock())
        if self._is_current(key):
            self._entries[key] = entry
        return entry

    def _is_current(self, key: str) -> bool:
        """Whether the running call is still the one ``key``'s callers join (not detached)."""
        return self._inflight.get(key) is asyncio.current_task()
