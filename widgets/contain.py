"""A renderer that raises shows an internal-error face instead of taking the board down.

Textual treats an exception in ``render()`` or in a reactive watcher as fatal: the whole app
exits, with every other card. Renderers are written to draw any value the data model accepts,
but one that still raises is *contained* here: :func:`contained` wraps a drawing method so the
exception is logged with its traceback, the widget shows "✖ Internal error · OverflowError",
and a :class:`RenderFailed` message bubbles up so the card can switch to its error state.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from textual.content import Content
from textual.message import Message

from widgets.levels import LEVEL_ICON

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class RenderFailed(Message):
    """A renderer raised while drawing; ``error`` is the exception (already logged)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class RendererError(Exception):
    """What a card shows when its renderer raised: names the original exception's type."""

    code = "internal"
    hint = "This card could not draw the service's data (a bug); the log has the traceback."

    def __init__(self, error: BaseException) -> None:
        self.type_name = type(error).__name__
        self.message = f"Internal error · {self.type_name}"
        super().__init__(self.message)


def failure_content(error: BaseException) -> Content:
    """The face of a renderer that raised: icon, "Internal error" and the exception type."""
    return Content.styled(
        f"{LEVEL_ICON['critical']} Internal error · {type(error).__name__}", "$error bold"
    )


def contained(draw: Callable[..., R]) -> Callable[..., R | Content]:
    """Wrap a widget's ``render``/redraw method: an exception becomes :func:`failure_content`.

    The traceback goes to the log (never the terminal), :class:`RenderFailed` is posted from the
    widget (it bubbles to the card), and the app keeps running.
    """

    @functools.wraps(draw)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> R | Content:
        try:
            return draw(self, *args, **kwargs)
        except Exception as exc:
            log.error("renderer %s failed to draw", type(self).__name__, exc_info=exc)
            self.post_message(RenderFailed(exc))
            return failure_content(exc)

    return guarded


__all__ = ["RenderFailed", "RendererError", "contained", "failure_content"]
