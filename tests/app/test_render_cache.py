"""Removed widgets leave nothing in Textual's render caches (Textual issue #6665).

Textual memoises a style per widget in an ``lru_cache`` whose keys hold each widget's render
cache (its drawn lines); without :func:`launcher_tui.render_cache.release_removed_widgets` every
form opened and closed stayed in memory (128 k tracked objects after 20 opens instead of 15 k),
and full garbage collections grew from 25 ms to 300 ms.
"""

from __future__ import annotations

import gc
import weakref

from launcher_tui.render_cache import release_removed_widgets


def test_the_release_frees_what_textual_keeps() -> None:
    """Textual's memo holds a render cache after its widget is gone, until the release. When a
    Textual release fixes issue #6665, the first assertion fails, and the workaround can go."""
    from textual._styles_cache import StylesCache
    from textual.color import Color

    cache = StylesCache()
    ref = weakref.ref(cache)
    cache.get_inner_outer(Color(1, 2, 3), Color(4, 5, 6))
    del cache
    gc.collect()
    assert ref() is not None
    release_removed_widgets()
    gc.collect()
    assert ref() is None
