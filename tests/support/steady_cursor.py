"""Text cursors that do not blink, for pictures that must come out the same every time.

A focused :class:`~textual.widgets.Input` toggles its cursor every 0.5 s, so a snapshot or a
screenshot caught the cursor drawn or not depending on how long the machine took to get there
(``test_app_form_with_generated_fields`` failed 5 of 9 runs on a busy machine). With blinking
off, a focused input always shows its cursor and an unfocused one never does: the picture
depends on the focus only.

Used for the whole test suite (``tests/conftest.py``) and by ``scripts/screenshots.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.widgets import Input


@contextmanager
def steady_cursor() -> Iterator[None]:
    """Make every Input created meanwhile start with ``cursor_blink = False``."""
    # ``cursor_blink`` is a class-level reactive; instances take its default when first read
    descriptor = Input.cursor_blink
    saved = descriptor._default
    descriptor._default = False
    try:
        yield
    finally:
        descriptor._default = saved
