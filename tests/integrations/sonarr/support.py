"""Shared by the *arr family's offline tests: serve routes behind the API key."""

from __future__ import annotations

from typing import Any

from tests.support.loopback import LoopbackServer


def serve_arr(
    loopback: LoopbackServer, api: str, key: str, routes: dict[str, Any]
) -> LoopbackServer:
    """Answer ``GET {api}{path}`` with each body, 401 unless ``X-Api-Key`` is ``key``."""
    for path, body in routes.items():
        loopback.json("GET", api + path, body, require_header=("X-Api-Key", key))
    return loopback
