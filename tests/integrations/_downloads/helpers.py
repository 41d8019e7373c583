"""What the four download-client suites share: a runtime per test, polling, a dead address.

The clients apply pause/resume asynchronously (Transmission, qBittorrent and Deluge report the
new state 0.5-2 s later, measured on the Debian packages), so live tests poll with
:func:`settle` instead of sleeping a fixed time.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from launcher_tui.runtime import Runtime, Target


def runtime_fixture() -> Any:
    """A fixture giving each test a fresh :class:`Runtime` (closed afterwards), as the app uses.

    Assign it at module level: ``runtime = runtime_fixture()``.
    """

    @pytest.fixture
    async def _runtime() -> AsyncIterator[Runtime]:
        runtime = Runtime()
        yield runtime
        await runtime.aclose()

    return _runtime


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


def closed_port_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (the port was just released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
