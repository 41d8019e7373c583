"""Levels must stay distinguishable on a 256-colour terminal.

Checked: (1) for every built-in theme, the colours the levels resolve to ($success, $primary,
$warning, $error) downgraded to the 256-colour palette (what Rich does for
``color_system="256"``) — distinct everywhere except warning vs critical in the two Solarized
themes, whose orange and red fall into the same cell; (2) on real rendered widgets (textual-dark),
the segment colours of ok/warning/critical values still differ after the downgrade; (3) each
level also has its own icon, which is what carries the difference in those Solarized themes.
"""

from __future__ import annotations

from itertools import combinations

from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.color import Color

from integrations.models import GaugeData, Severity
from widgets.gauge import Gauge
from widgets.levels import LEVEL_ICON, LEVEL_VARIABLE

KNOWN_256_CLASHES = {"solarized-light", "solarized-dark"}
"""Themes where $warning and $error share a 256-colour cell (icons tell them apart)."""


def to_256(color: str) -> int | None:
    return Color.parse(color).rich_color.downgrade(ColorSystem.EIGHT_BIT).number


def test_level_colours_distinct_in_256_colours_for_every_theme() -> None:
    app = App()
    clashes: dict[str, list[tuple[Severity, Severity]]] = {}
    for theme in app.available_themes:
        app.theme = theme
        variables = app.get_css_variables()
        cells = {level: to_256(variables[var]) for level, var in LEVEL_VARIABLE.items()}
        same = [(a, b) for a, b in combinations(cells, 2) if cells[a] == cells[b]]
        if same:
            clashes[theme] = same
    assert set(clashes) == KNOWN_256_CLASHES
    assert all(pairs == [(Severity.WARNING, Severity.CRITICAL)] for pairs in clashes.values())
    assert LEVEL_ICON[Severity.WARNING] != LEVEL_ICON[Severity.CRITICAL]


class Gauges(App[None]):
    def compose(self) -> ComposeResult:
        for value in (10, 75, 95):
            yield Gauge(GaugeData(label="x", value=value, warning=70, critical=90))


async def test_rendered_gauges_keep_distinct_256_colours() -> None:
    app = Gauges()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        cells = []
        for gauge in app.query(Gauge):
            strip = gauge.render_lines(gauge.size.region)[0]  # type: ignore[arg-type]
            # the value text at the right end carries the level colour
            segment = [s for s in strip if s.text.strip()][-1]
            assert segment.style is not None and segment.style.color is not None
            cells.append(segment.style.color.downgrade(ColorSystem.EIGHT_BIT).number)
        assert len(set(cells)) == 3, cells
