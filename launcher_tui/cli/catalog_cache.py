"""A disk cache of ``launcher-tui integrations --json``, valid while the integrations are.

Describing every integration means importing all of them, their models and pydantic, and
building each settings schema: ~0.6 s of CPU for an answer that only changes when the code
does (issue #11, P5). The answer is kept as JSON under a fingerprint of what produced it — the
Python and launcher-tui versions, the path, size and modification time of every file under
the ``integrations`` package, and the name, target and version of every plug-in entry point —
so an edited, added or removed integration, or an upgraded plug-in, misses the cache.

Only the fresh-process case is served from it (nothing registered in this process yet: a
program or test that registers its own integration is always described live).

Location: ``$LAUNCHER_TUI_DATA_DIR/cache`` when set (tests isolate it), else
``$XDG_CACHE_HOME/launcher-tui`` (``~/.cache/launcher-tui``). A cache that cannot be read or
written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from launcher_tui import __version__

_GROUP = "launcher_tui.integrations"  # integrations.registry.ENTRY_POINT_GROUP


def cache_dir() -> Path:
    data = os.environ.get("LAUNCHER_TUI_DATA_DIR")
    if data:
        return Path(data) / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "launcher-tui"


def fingerprint() -> str:
    """A digest of everything the catalog is built from (see the module docstring)."""
    from importlib import metadata

    import integrations

    digest = hashlib.sha256(f"{sys.version}|{__version__}".encode())
    for root in sorted(integrations.__path__):
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith(".py"):
                    path = os.path.join(dirpath, name)
                    stat = os.stat(path)
                    digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    for ep in sorted(metadata.entry_points(group=_GROUP), key=lambda e: (e.name, e.value)):
        version = ep.dist.version if ep.dist is not None else ""
        digest.update(f"ep|{ep.name}|{ep.value}|{version}\n".encode())
    return digest.hexdigest()[:32]


def _path(key: str) -> Path:
    return cache_dir() / f"integrations-{key}.json"


def load() -> dict[str, Any] | None:
    """The cached catalog for the current code, or ``None``."""
    try:
        return json.loads(_path(fingerprint()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save(data: dict[str, Any]) -> None:
    """Keep ``data`` for the current code (older entries are removed)."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = _path(fingerprint())
        for old in folder.glob("integrations-*.json"):
            if old != target:
                old.unlink(missing_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data), encoding="utf-8")
        partial.replace(target)
    except OSError:
        pass
