"""Concurrent requests inside one fetch: all succeed, or the first failure ends all of them.

``asyncio.gather`` is the wrong tool here. When one request fails, gather raises at once but the
others keep running: requests reach the service after the fetch has already failed, the client
is closed under them, and their errors are logged as "exception never retrieved". In the test
suite such an orphan, caught between opening a TCP connection and its TLS hello, deadlocked an
HTTPS test server for the whole CI run. ``asyncio.TaskGroup`` cancels properly but wraps the
failure in an ``ExceptionGroup``, which would hide the integration's typed error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar, overload

T = TypeVar("T")
T1 = TypeVar("T1")
T2 = TypeVar("T2")
T3 = TypeVar("T3")
T4 = TypeVar("T4")


@overload
async def all_of(a: Awaitable[T1], b: Awaitable[T2], /) -> tuple[T1, T2]: ...
@overload
async def all_of(a: Awaitable[T1], b: Awaitable[T2], c: Awaitable[T3], /) -> tuple[T1, T2, T3]: ...
@overload
async def all_of(
    a: Awaitable[T1], b: Awaitable[T2], c: Awaitable[T3], d: Awaitable[T4], /
) -> tuple[T1, T2, T3, T4]: ...
@overload
async def all_of(*awaitables: Awaitable[T]) -> tuple[T, ...]: ...
async def all_of(*awaitables: Awaitable[Any]) -> tuple[Any, ...]:
    """Await concurrently and return the results in argument order.

    On the first failure (or when the caller is cancelled) the others are cancelled and awaited,
    so nothing is left running, and that first failure is raised unchanged.
    """
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        return tuple(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
