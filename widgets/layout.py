"""Small Content helpers the renderers share: fit a line to a width, spread two ends apart.

Kept separate so every drawing function truncates and aligns the same way (ellipsis, cell
widths that count wide characters right).
"""

from __future__ import annotations

from textual.content import Content, ContentType


def as_content(text: ContentType) -> Content:
    """Plain ``str`` → unstyled Content (markup is never parsed from service data)."""
    return text if isinstance(text, Content) else Content(text)


def fit(text: ContentType, width: int) -> Content:
    """``text`` cut to ``width`` cells with an ellipsis when it is longer."""
    content = as_content(text)
    if width <= 0:
        return Content("")
    if content.cell_length <= width:
        return content
    return content.truncate(width, ellipsis=True)


def fit_label(text: ContentType, width: int) -> Content:
    """A label in ``width`` cells, cut where it hurts least: ``CPU (8 cores)`` that does not
    fit drops its parenthesis (``CPU``) before anything is cut mid-word (``CPU (8 c…``)."""
    content = as_content(text)
    if content.cell_length <= width:
        return content
    plain = content.plain
    head = plain.split(" (", 1)[0].rstrip() if " (" in plain else ""
    if head and Content(head).cell_length <= width:
        return content[: len(head)]
    return fit(content, width)


def spread(left: ContentType, right: ContentType, width: int, gap: int = 1) -> Content:
    """``left`` and ``right`` on one line of ``width`` cells; ``left`` gives way first."""
    right_c = fit(right, width)
    room = width - right_c.cell_length - (gap if right_c.cell_length else 0)
    left_c = fit(left, max(0, room))
    pad = width - left_c.cell_length - right_c.cell_length
    return Content.assemble(left_c, " " * max(0, pad), right_c)


def center(text: ContentType, width: int) -> Content:
    """``text`` fitted to ``width`` and padded on both sides to exactly ``width`` cells."""
    content = fit(text, width)
    room = max(0, width - content.cell_length)
    return Content.assemble(" " * (room // 2), content, " " * (room - room // 2))


def bar(
    fraction: float,
    width: int,
    style: str,
    *,
    track_style: str = "$foreground-muted",
    full: str = "━",
    half: str = "╸",
    empty: str = "─",
) -> Content:
    """A horizontal bar at half-cell precision: a heavy line in ``style`` over a thin track.

    Filled and empty parts use different glyphs, so the bar still reads without colour.
    """
    if width <= 0:
        return Content("")
    halves = round(max(0.0, min(1.0, fraction)) * width * 2)
    filled, has_half = divmod(halves, 2)
    head = full * filled + (half if has_half else "")
    tail = empty * (width - len(head))
    return Content.assemble((head, style), (tail, track_style))


def join_lines(lines: list[Content]) -> Content:
    """Lines joined with newlines into one Content."""
    return Content("\n").join(lines)
