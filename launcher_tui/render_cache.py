"""Let Textual forget the widgets it no longer shows (a workaround for Textual issue #6665).

``textual._styles_cache.StylesCache.get_inner_outer`` is an ``lru_cache(1024)`` on a method, so
its keys hold the ``StylesCache`` of every widget it drew, and each of those holds that widget's
rendered lines and their crop caches, long after the widget was removed. Every form opened and
closed left ~500 rendered lines behind (about 45 widgets); after 20 opens Python's full garbage
collections took 300 ms instead of 25 ms (a visible stutter) and memory only grew. Clearing the
cache costs nothing measurable: it only memoises building a ``Style`` from two colours.

:func:`release_removed_widgets` is called when a form closes (``TypeAheadForm.on_unmount``) and
once a minute from the app, which also covers the small dialogs and cards that rebuild their
rows. Should a Textual release fix or rename the cache, the call does nothing.
"""

from __future__ import annotations

RELEASE_INTERVAL = 60.0
"""Seconds between two clearings while the dashboard runs."""


def release_removed_widgets() -> None:
    """Drop Textual's per-widget style memo, so removed widgets can be freed."""
    try:
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()  # type: ignore[attr-defined]
    except (ImportError, AttributeError):  # a Textual without the cache: nothing to release
        pass
