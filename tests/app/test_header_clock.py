"""The optional header clock (issue 10): ``ctrl+k`` shows the date and time, remembered as
the ``setting.clock`` meta value across restarts."""

from __future__ import annotations

from launcher_tui.app import LauncherApp
from tests.app.conftest import wait_until
from widgets.header_clock import DateClock, clock_text


async def test_clock_toggles_and_is_remembered(make_app, frozen, services):
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.query(DateClock)
        await pilot.press("ctrl+k")
        await wait_until(pilot, lambda: bool(app.query(DateClock)))
        assert services.settings.get("clock") == "on"
    again = LauncherApp(services, clock=lambda: 1_750_000_000.0)
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(again.query(DateClock)))
        clock = again.query_one(DateClock)
        await wait_until(pilot, lambda: clock_text(1_750_000_000.0) in str(clock.render()))
        await pilot.press("ctrl+k")
        await wait_until(pilot, lambda: not again.query(DateClock))
        assert services.settings.get("clock") == "off"


def test_clock_text_has_the_date() -> None:
    assert clock_text(0.0, "%Y") in ("1970", "1969")
