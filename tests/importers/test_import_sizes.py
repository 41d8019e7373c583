"""Imported cards get the size their renderer needs (issue 10): a Homepage board came out
with lists and charts one column wide, their rows cut. An imported card is sized like one
added in the dashboard (``default_size``: the add-widget form and the suggested cards)."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher_tui.services import open_services
from launcher_tui.services.widgets import default_size
from tests.importers.conftest import Run

CONFIGS = Path(__file__).parent / "homepage"


@pytest.mark.parametrize("config", ["docs_example", "nested_homelab", "custom_widgets"])
def test_imported_cards_have_the_dashboards_default_size(
    run: Run, config: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOMEPAGE_VAR_SONARR_KEY", "k")
    code, report = run.json("import", "homepage", str(CONFIGS / config))
    assert code in (0, 1), report
    services = open_services()
    try:
        board = next(b for b in services.boards.list() if b.name == "Homepage")
        cards = services.widgets.list(board.id)
        assert cards, report
        kinds = set()
        for card in cards:
            app = services.apps.get(card.app_id)
            endpoint = services.registry.get(app.integration or "").endpoint(card.endpoint)
            w, h = default_size(endpoint)
            kinds.add(str(endpoint.kind))
            assert (card.w, card.h) == (min(w, board.columns), h), (card.app, card.endpoint)
    finally:
        services.close()
    assert kinds  # the configs hold real widgets, checked above
