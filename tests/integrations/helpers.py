"""Helpers the integration suites share (fixtures live in ``conftest.py`` beside this file)."""

from __future__ import annotations

from typing import Any

from integrations.models import FetchResult
from launcher_tui.runtime import Runtime, Target


async def fetch(
    rt: Runtime, tgt: Target, endpoint: str, options: dict[str, Any] | None = None
) -> FetchResult:
    """One endpoint's data through the runtime, as a widget gets it, bypassing the cache's TTL
    (every call in a test asks the service again)."""
    return (await rt.fetch(tgt, endpoint, options, force=True)).value
