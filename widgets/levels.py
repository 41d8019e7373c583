"""Severity → theme colour, CSS class and icon: the one place levels get their look.

Renderers never name a colour: a level maps to a theme *variable* (``$success``, ``$warning``...)
so every built-in or user theme colours the dashboard consistently, and to a CSS class
(``-ok``, ``-warning``...) so app stylesheets can restyle a level. Each level also has its own
icon, so levels stay distinguishable on 256/16-colour terminals and for colour-blind readers.
No Textual import here: the mapping is data.
"""

from __future__ import annotations

from typing import Any, Protocol

from integrations.models import Severity

LEVEL_VARIABLE: dict[Severity, str] = {
    Severity.OK: "success",
    Severity.INFO: "primary",
    Severity.WARNING: "warning",
    Severity.CRITICAL: "error",
}
"""Theme variable (without ``$``) that colours each level."""

LEVEL_ICON: dict[Severity, str] = {
    Severity.OK: "✔",
    Severity.INFO: "ℹ",  # noqa: RUF001 - the information sign is the point
    Severity.WARNING: "⚠",
    Severity.CRITICAL: "✖",
}
"""Icon per level; distinct shapes so a level reads without colour."""

LEVEL_CLASSES: tuple[str, ...] = tuple(f"-{level.value}" for level in Severity)
"""All level classes, for ``remove_class(*LEVEL_CLASSES)``."""


def level_class(level: Severity) -> str:
    """CSS class for a level: ``-ok``, ``-info``, ``-warning`` or ``-critical``."""
    return f"-{Severity(level).value}"


class Classed(Protocol):
    """What :func:`set_level_class` needs of a Textual ``DOMNode``."""

    def has_class(self, *class_names: str) -> bool: ...
    def add_class(self, *class_names: str, update: bool = True) -> Any: ...
    def remove_class(self, *class_names: str, update: bool = True) -> Any: ...


def set_level_class(node: Classed, level: Severity) -> None:
    """Give ``node`` the class of ``level`` and no other level class.

    Nothing happens when it has exactly that already, which is what most refreshes find: every
    class change makes Textual re-apply the stylesheet to the node and its whole subtree, and
    removing the old class then adding the new one did that twice per refresh, changed or not
    (issue #11: ~2 restyles per card update at steady state). A change restyles once.
    """
    wanted = level_class(level)
    present = [name for name in LEVEL_CLASSES if node.has_class(name)]
    if present == [wanted]:
        return
    if present:
        node.remove_class(*present, update=False)
    node.add_class(wanted)


def level_variable(level: Severity) -> str:
    """Theme variable reference for a level, usable in Content styles: ``$warning``."""
    return f"${LEVEL_VARIABLE[Severity(level)]}"


def level_style(level: Severity, *, bold: bool = False) -> str:
    """Content style string for text in a level's colour (``"$error bold"``)."""
    style = level_variable(level)
    return f"{style} bold" if bold else style


def status_style(level: Severity) -> str:
    """Content style for a row's status text: calm when fine, coloured only when it matters.

    OK and info read as muted text, so a list of healthy rows stays quiet; warnings and
    criticals take their level's *text* variant (``$text-warning``), which keeps contrast on
    light themes too. Never a background: solid blocks on every row drown out the real alarms.
    """
    level = Severity(level)
    if level in (Severity.WARNING, Severity.CRITICAL):
        return f"$text-{LEVEL_VARIABLE[level]} bold"
    return "$text-muted"


def icon_style(level: Severity) -> str:
    """Content style for a row's level icon: OK is muted (a calm tick), the others coloured."""
    level = Severity(level)
    return "$text-muted" if level == Severity.OK else level_style(level)


__all__ = [
    "LEVEL_CLASSES",
    "LEVEL_ICON",
    "LEVEL_VARIABLE",
    "icon_style",
    "level_class",
    "level_style",
    "level_variable",
    "set_level_class",
    "status_style",
]
