"""After saving a new app, one keystroke puts its main data on the board, and says where."""

from __future__ import annotations

from launcher_tui.screens.dialogs import ConfirmScreen
from launcher_tui.services.widgets import suggested_endpoints
from tests.app.conftest import wait_until
from tests.app.demo import SONARR_KEY


def test_suggestions_skip_alerts_and_required_options(services):
    for integration in services.registry.list():
        chosen = suggested_endpoints(integration.endpoints)
        assert len(chosen) <= 3
        for endpoint in chosen:
            assert str(endpoint.kind) != "alert"
            if endpoint.options_model is not None:
                endpoint.options_model.model_validate({})  # no option is required
    ids = [e.id for e in suggested_endpoints(services.registry.get("customapi").endpoints)]
    assert ids == []  # every custom API card needs its fields


async def test_new_app_offers_its_cards_and_focuses_the_first(make_app, frozen, services):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.focused_card is not None)
        before = {w.id for w in services.widgets.list()}
        record = services.apps.add(
            {
                "name": "Sonarr",
                "url": "http://127.0.0.1:9",
                "integration": "sonarr",
                "config": {"api_key": SONARR_KEY},
            }
        )
        app._new_app_saved(record)  # what the add-app form calls when it saves
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        offered = suggested_endpoints(services.registry.get("sonarr").endpoints)
        assert app.screen.question.startswith("Add Sonarr's cards to Home?")
        assert all(e.name in app.screen.question for e in offered)
        await pilot.press("y")
        await wait_until(pilot, lambda: len(services.widgets.list()) == len(before) + len(offered))
        new = [w for w in services.widgets.list() if w.id not in before]
        assert [w.endpoint for w in new] == [e.id for e in offered] or {
            w.endpoint for w in new
        } == {e.id for e in offered}
        first = min(new, key=lambda w: w.id)
        await wait_until(pilot, lambda: getattr(app.focused, "record", None) is not None)
        await wait_until(pilot, lambda: app.focused.record.id == first.id)
        assert any("Added" in n.message and "Home" in n.message for n in app._notifications)
