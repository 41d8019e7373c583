"""Keeping a form readable in a small terminal (80x24 is the default SSH window).

A form's dialog fills the whole height there, so three things Textual does by default hide
part of it: focusing the first field scrolls it to the middle of the form body (its label
went above the fold), a picker's list drops below the dialog over the footer, and a toast
sits on the form's buttons. The helpers here keep each inside the dialog.
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widget import Widget


def field_box(widget: Widget) -> Widget:
    """The ``.form-field`` box around a field (its label, input, help and error), or the
    widget itself when it has none."""
    return next((a for a in (widget, *widget.ancestors) if a.has_class("form-field")), widget)


def show_field(widget: Widget) -> None:
    """Scroll the form body so the field is in view *with its label* (not centred: the first
    field of a form stays at the top)."""
    box = field_box(widget)
    scroller = next((a for a in box.ancestors if isinstance(a, ScrollableContainer)), None)
    if scroller is not None and box.is_mounted:
        scroller.scroll_to_widget(box, animate=False, immediate=True)


PICKER_ROWS = 12
"""The most rows a picker's list takes (Textual's own ``max-height`` of a Select's list)."""


def fit_picker(overlay: Widget, select: Widget, dialog: Widget) -> None:
    """Keep a Select's list inside the form's dialog.

    Textual drops the list below the picker and, when it would leave the screen, pushes it up
    until it fits the *screen*: at 80x24 the integration list covered the dialog's edge and
    the footer. Here the list gets the room below the picker in the dialog, or opens above
    the picker when there is more room there, and never takes more rows than it has options.
    """
    options = int(getattr(overlay, "option_count", PICKER_ROWS))
    wanted = min(PICKER_ROWS, options + overlay.styles.gutter.height)
    content = dialog.content_region
    below = content.bottom - select.region.bottom
    above = select.region.y - content.y
    if wanted > below and above > below:
        rows = min(wanted, above)
        overlay.styles.offset = (0, -(rows + select.region.height))
    else:
        rows = min(wanted, max(below, 1))
        overlay.styles.offset = (0, 0)
    overlay.styles.max_height = rows
