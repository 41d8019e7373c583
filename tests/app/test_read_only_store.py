"""A read-only store: the dashboard shows its data and says edits are disabled (issue 9 §4)."""

from __future__ import annotations

from pathlib import Path

from launcher_tui.app import LauncherApp
from launcher_tui.services import Services, open_services
from tests.app.conftest import wait_until
from tests.app.demo import FrozenSystem, frozen_clock


async def test_read_only_store_shows_boards_and_a_notice(
    services: Services, frozen: FrozenSystem, isolated_dirs: Path
) -> None:
    services.first_run()
    db = services.store.path
    services.close()
    db.chmod(0o400)
    with open_services() as read_only:
        assert read_only.store.read_only
        app = LauncherApp(read_only, clock=frozen_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, lambda: frozen.calls.get("cpu", 0) >= 1)  # data still shows
            notices = [n.message for n in app._notifications]
            assert any("read-only" in m and "edits are disabled" in m for m in notices)
            screens = len(app.screen_stack)
            await pilot.press("a")  # add app: disabled, no form opens, nothing written
            await pilot.pause()
            assert len(app.screen_stack) == screens
            assert app.check_action("add_board", ()) is False
    assert db.stat().st_mode & 0o777 == 0o400
