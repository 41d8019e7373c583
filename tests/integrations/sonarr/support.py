"""Shared by the *arr family's offline tests: serve routes behind the API key, a runtime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from launcher_tui.runtime import Runtime
from tests.support.loopback import LoopbackServer


def serve_arr(
    loopback: LoopbackServer, api: str, key: str, routes: dict[str, Any]
) -> LoopbackServer:
    """Answer ``GET {api}{path}`` with each body, 401 unless ``X-Api-Key`` is ``key``."""
    for path, body in routes.items():
        loopback.json("GET", api + path, body, require_header=("X-Api-Key", key))
    return loopback


@pytest.fixture
async def runtime() -> AsyncIterator[Runtime]:
    """A runtime on the process-wide registry, closed after the test."""
    rt = Runtime()
    yield rt
    await rt.aclose()
