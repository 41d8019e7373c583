"""Last line of defence on the dashboard: no terminal control character is ever written.

Service data is cleaned where it enters (:mod:`integrations.models` → visible ``␛``), error
texts and toasts where they are made; this filter catches whatever still slips through — an
app name imported from a ``services.yaml``, an exception's text, a field typed by hand — on
*every* line Textual draws (cards, borders and their titles, toasts, dialogs). Textual's
``Content`` keeps ESC, C1 and NUL characters and the driver writes them as they are.

The characters removed here (C0/C1 controls, ESC, DEL, bidi overrides/isolates/marks, line
separators) all have zero cell width, so removing them never moves anything on screen; the
visible stand-ins are :func:`integrations.sanitize.clean_text`'s job, earlier.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from integrations.sanitize import clean_text, is_clean


class ControlFilter(LineFilter):
    """A line filter deleting terminal control characters from every segment's text."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.control or is_clean(segment.text) for segment in segments):
            return segments
        return [
            segment
            if segment.control or is_clean(segment.text)
            else Segment(strip_controls(segment.text), segment.style)
            for segment in segments
        ]


def strip_controls(text: str) -> str:
    """``text`` without the characters :func:`~integrations.sanitize.clean_text` would replace.

    A tab is kept as a space (Textual expands tabs before drawing; a stray one is whitespace).
    """
    return "".join(ch if is_clean(ch) else (" " if ch == "\t" else "") for ch in text)


CONTROL_FILTER = ControlFilter()
"""The one instance the app adds to its line filters."""

__all__ = ["CONTROL_FILTER", "ControlFilter", "clean_text", "strip_controls"]
