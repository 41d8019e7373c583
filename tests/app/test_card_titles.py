"""Card titles at 80x24 (issue 10): with a second app, titles lead with what differs (the
endpoint), not four cards reading "This machine …"; a widget's own title is shown."""

from __future__ import annotations

from launcher_tui.app import LauncherApp
from launcher_tui.screens.board import Card
from launcher_tui.store.models import Widget
from tests.app.conftest import wait_until


def titles(app: LauncherApp) -> list[str]:
    board = app.current_board
    assert board is not None
    return [str(c.border_title) for c in board.cards if isinstance(c, Card)]


async def test_mixed_board_titles_lead_with_the_endpoint_and_own_titles_show(
    make_app, frozen, services
):
    services.first_run()
    services.apps.add({"name": "NAS", "url": "http://127.0.0.1:9", "integration": "http"})
    services.widgets.add({"board": "Home", "app": "NAS", "endpoint": "status", "w": 1})
    cpu = next(w for w in services.widgets.list("Home") if w.endpoint == "cpu")
    with services.store.write():
        Widget.update(title="Server load").where(Widget.id == cpu.id).execute()
    app: LauncherApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(titles(app)) >= 2)
        shown = titles(app)
        assert "Server load" in shown  # the widget's own title, as is
        others = [t for t in shown if t != "Server load"]
        assert not any(t.startswith("This machine") for t in others), shown
        assert any(t.endswith("· This machine") for t in others), shown
        assert any(t.endswith("· NAS") for t in others), shown
