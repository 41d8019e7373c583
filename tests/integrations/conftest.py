"""Fixtures every integration suite uses: a runtime per test and an address nothing answers on.

Module-level fixtures of the same name still win, so a suite whose needs really differ can
define its own.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest

from launcher_tui.runtime import Runtime


@pytest.fixture
async def runtime() -> AsyncIterator[Runtime]:
    """A fresh :class:`Runtime` on the process-wide registry, as the app uses; closed afterwards."""
    rt = Runtime()
    yield rt
    await rt.aclose()


@pytest.fixture
def dead_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (the port was bound and just released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
