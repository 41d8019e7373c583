"""Base class of the six renderers: a display-only widget fed one model through ``data``.

The container (:class:`widgets.integration_widget.IntegrationWidget`) sets ``renderer.data``
after every fetch; a renderer never fetches. Each subclass declares its own typed ``data``
reactive, a ``kind`` and a ``level`` (worst severity in its data), which is mirrored as a CSS
class (``-ok``/``-info``/``-warning``/``-critical``) so stylesheets and tests can see it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.widget import Widget

from integrations.models import RendererKind, Severity
from widgets.levels import set_level_class


class Renderer(Widget, can_focus=False):
    """A display-only widget drawing one :mod:`integrations.models` model (see module doc)."""

    kind: ClassVar[RendererKind]
    """Which renderer kind this widget draws."""

    data: Any = None  # each subclass replaces this with a typed ``reactive``

    def __init__(
        self,
        data: Any = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Args: data: the initial model (usually ``None``; the container sets it later)."""
        super().__init__(name=name, id=id, classes=classes)
        if data is not None:
            self.set_reactive(type(self).data, data)  # type: ignore[arg-type]
        self._apply_level()

    @property
    def level(self) -> Severity:
        """Worst severity in the current data (``OK`` when there is none)."""
        return Severity.OK

    def watch_data(self) -> None:
        self._apply_level()

    def _apply_level(self) -> None:
        set_level_class(self, self.level)
