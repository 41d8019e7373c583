"""Small dashboard settings (title, theme, header clock, …) as ``setting.<name>`` meta entries.

Values are plain UTF-8 text, so any reader can use ``Store.get_meta("setting.title")`` directly;
flags are ``on``/``off`` (as the header clock reads ``setting.clock``). No migration is needed for a new setting: an absent key reads as
``None`` and the reader picks its default.
"""

from __future__ import annotations

from launcher_tui.store import Store
from launcher_tui.store.models import MetaEntry

PREFIX = "setting."


def as_text(value: object) -> str:
    """How a value is stored: flags as ``on``/``off``, everything else as ``str``."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


class SettingsService:
    """Read and write ``setting.<name>`` values."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, name: str, default: str | None = None) -> str | None:
        with self.store.read():
            raw = self.store.get_meta(PREFIX + name)
        return default if raw is None else raw.decode("utf-8", errors="replace")

    def all(self) -> dict[str, str]:
        """Every setting, by name (without the prefix), sorted."""
        with self.store.read():
            rows = (
                MetaEntry.select().where(MetaEntry.key.startswith(PREFIX)).order_by(MetaEntry.key)
            )
            return {
                row.key[len(PREFIX) :]: bytes(row.value or b"").decode("utf-8", errors="replace")
                for row in rows
            }

    def set(self, name: str, value: object) -> None:
        """Store ``value`` as text (``None`` removes the setting)."""
        with self.store.write():
            if value is None:
                self.store.delete_meta(PREFIX + name)
            else:
                self.store.set_meta(PREFIX + name, as_text(value))
