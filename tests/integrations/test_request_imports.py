"""A request imports nothing: httpcore's per-request `import sniffio` must find it installed.

httpcore asks which async library runs it several times per request with ``import sniffio``;
missing, every ask searched the whole of ``sys.path`` (~7 % of a quiet board's CPU, issue #11).
"""

from __future__ import annotations

import asyncio
import sys
from importlib.abc import MetaPathFinder

from httpcore._synchronization import current_async_library


class SearchLog(MetaPathFinder):
    """Records every module the import system had to go looking for."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        self.names.append(fullname)


def test_asking_the_async_library_searches_for_no_module() -> None:
    async def ask() -> str:
        return current_async_library()

    asyncio.run(ask())  # the first answer may import sniffio
    log = SearchLog()
    sys.meta_path.insert(0, log)
    try:
        answers = [asyncio.run(ask()) for _ in range(3)]
    finally:
        sys.meta_path.remove(log)
    assert answers == ["asyncio"] * 3
    assert log.names == []
