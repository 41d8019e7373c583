"""The theme picker (``T``): every theme, the current one marked, the choice remembered.

Textual's own picker neither shows which theme is on nor survives a restart. Here the current
theme reads ``✓ nord (current)`` and choosing one stores it as ``setting.theme`` in the meta table
(:meth:`LauncherApp.save_theme`), which the app applies at the next start.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

CURRENT_MARK = "✓ "


def theme_label(name: str, current: str) -> str:
    """How a theme reads in the picker: the current one is marked."""
    return f"{CURRENT_MARK}{name} (current)" if name == current else f"  {name}"


class ThemePicker(Provider):
    """Themes by name; the current one first and marked."""

    def _themes(self) -> Iterator[tuple[str, str]]:
        current = self.app.theme
        names = sorted(self.app.available_themes)
        for name in sorted(names, key=lambda n: n != current):
            yield name, theme_label(name, current)

    def _choose(self, name: str) -> None:
        self.app.theme = name
        save = getattr(self.app, "save_theme", None)
        if callable(save):
            save(name)

    async def discover(self) -> Hits:
        for name, label in self._themes():
            yield DiscoveryHit(label, partial(self._choose, name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, label in self._themes():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(label), partial(self._choose, name), text=label)


def theme_palette() -> CommandPalette:
    """The palette ``T`` opens."""
    return CommandPalette(providers=[ThemePicker], placeholder="Search for themes…")
