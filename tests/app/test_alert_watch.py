"""Alerts do not depend on what is on screen (issue 10, item 3), and alerts one cannot miss.

A custom API's alert widget (``state equals down``, critical) is the alert source: the loopback
server plays the home-made status API and counts the requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from integrations.base import Endpoint, Integration
from integrations.models import Alert, FetchResult, ListData, ListRow, RendererKind, Severity
from launcher_tui.alert_book import AlertBook, alert_id, load_acks
from launcher_tui.app import LauncherApp
from launcher_tui.terminal_title import clean_title, title_sequence
from tests.app.conftest import wait_until
from tests.support.loopback import LoopbackServer, Response
from tests.support.router_alert import add_router

ROUTER_DOWN = {"state": "down", "name": "router"}


@pytest.fixture
def router(loopback: LoopbackServer) -> dict[str, Any]:
    """``/status`` answers what ``state["body"]`` holds (the test flips it)."""
    state: dict[str, Any] = {"body": dict(ROUTER_DOWN)}
    loopback.route("GET", "/status", lambda _req: Response(200, state["body"]))
    return state


def status_calls(loopback: LoopbackServer) -> int:
    return len(loopback.requests_to("/status"))


async def test_widget_alert_on_a_hidden_board_reaches_the_banner_and_stays(
    make_app, frozen, services, loopback, router
):
    services.first_run()
    services.boards.add({"name": "Network"})
    add_router(services, loopback.url, "Network")
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        # the Network board is never shown, yet its alert widget's condition is on the banner
        await wait_until(pilot, lambda: app.overlay.critical_count == 1)
        await wait_until(pilot, lambda: "router is down" in str(app.overlay.render()))
        app.action_toggle_launcher()
        await wait_until(pilot, lambda: app.launcher.display and app.tabs.active == "apps")
        before = status_calls(loopback)
        app.hub.refresh_all()  # what is being watched is fetched again (the TTL is 30 s)
        await wait_until(pilot, lambda: status_calls(loopback) > before)
        await pilot.pause()
        assert app.overlay.critical_count == 1  # watched in the background: still there
        router["body"] = {"state": "up", "name": "router"}
        app.hub.refresh_all()
        await wait_until(pilot, lambda: app.overlay.critical_count == 0)


async def test_banner_keeps_the_alert_when_its_board_is_left_and_calls_are_shared(
    make_app, frozen, services, loopback, router
):
    services.first_run()
    add_router(services, loopback.url, "Home")
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.overlay.critical_count == 1)
        # the card and the background watcher share one coordinator: one upstream call so far
        assert status_calls(loopback) == 1
        app.action_toggle_launcher()
        await wait_until(pilot, lambda: app.tabs.active == "apps")
        await pilot.pause()
        assert app.overlay.critical_count == 1
        counts = app.runtime.cache.upstream_calls
        assert all(n == 1 for key, n in counts.items() if key.endswith("alert") or "#" in key)


async def test_new_critical_rings_once_sets_the_title_and_can_be_acknowledged(
    make_app, frozen, services, loopback, router, monkeypatch
):
    services.first_run()
    add_router(services, loopback.url, "Home")
    app: LauncherApp = make_app()
    bells: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(1))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.overlay.critical_count == 1)
        assert bells == [1]
        assert "1 critical" in app.alert_title.text and "1 critical" in app.sub_title
        app.hub.refresh_all()  # the same alert again: no second bell
        before = status_calls(loopback)
        await wait_until(pilot, lambda: status_calls(loopback) > before)
        await pilot.pause()
        assert bells == [1]
        await pilot.press("A")
        await wait_until(pilot, lambda: app.overlay.critical_count == 0)
        assert len(app.overlay.acknowledged) == 1
        await wait_until(pilot, lambda: "1 acknowledged" in str(app.overlay.render()))
        assert load_acks(services.store) == {alert_id(app.overlay.acknowledged[0])}
        await pilot.press("H")
        await pilot.pause()
        history = str(app.screen.query_one("#alert-history").render())
        assert "raised" in history and "router is down" in history
        assert "(acknowledged)" in history
        await pilot.press("escape")
        # the condition clears: the ack ends; when it comes back it rings again
        router["body"] = {"state": "up"}
        app.hub.refresh_all()
        await wait_until(pilot, lambda: not app.alert_book.current)
        assert load_acks(services.store) == set()
        router["body"] = dict(ROUTER_DOWN)
        app.hub.refresh_all()
        await wait_until(pilot, lambda: app.overlay.critical_count == 1)
        assert bells == [1, 1]


def test_alert_book_history_is_capped_and_info_is_ignored() -> None:
    book = AlertBook(clock=lambda: 0.0)
    for n in range(60):
        book.update([Alert(severity=Severity.WARNING, message=f"m{n}", source="s")])
    assert len(book.history) == 50
    assert book.update([Alert(severity=Severity.INFO, message="fyi", source="s")]) == []
    assert book.current == {}


@pytest.mark.parametrize(
    "evil",
    ["\x1b]2;pwned\x07", "a\x07b", "\x9b31m", "x\u202ey", "line\nbreak", "\x1b[2J"],
)
def test_terminal_title_never_carries_control_characters(evil: str) -> None:
    cleaned = clean_title(f"launcher-tui {evil}")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in cleaned)
    sequence = title_sequence(evil)
    assert sequence.startswith("\x1b]2;") and sequence.endswith("\x07")
    assert sequence.count("\x1b") == 1 and sequence.count("\x07") == 1


class Stalls(Integration):
    """A download client whose *list* endpoint raises the alert (like a stalled torrent)."""

    id = "stalls"
    name = "Stalls"
    category = "Test"
    endpoints = (Endpoint("queue", "Queue", RendererKind.LIST, ttl=600, refresh=600),)
    stalled = True

    async def test_connection(self, ctx: Any) -> str:
        return "ok"

    async def fetch_queue(self, ctx: Any, options: Any) -> FetchResult:
        alerts = (
            [Alert(severity=Severity.CRITICAL, message="ubuntu.iso stalled", key="t:1")]
            if Stalls.stalled
            else []
        )
        return FetchResult(data=ListData(rows=[ListRow(title="ubuntu.iso")]), alerts=alerts)


@pytest.fixture
def stalls() -> Iterator[type[Stalls]]:
    from integrations.registry import registry

    Stalls.stalled = True
    registry.register(Stalls, replace=True)
    yield Stalls
    registry.unregister(Stalls.id)


async def test_an_alert_a_card_raised_stays_when_its_board_is_left(
    make_app, frozen, services, stalls
):
    services.first_run()
    services.apps.add({"name": "Torrents", "url": "http://127.0.0.1:9", "integration": "stalls"})
    board = services.boards.add({"name": "Downloads"})
    services.widgets.add({"board": board.id, "app": "Torrents", "endpoint": "queue"})
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.switch_board(board.id)
        await wait_until(pilot, lambda: app.overlay.critical_count == 1)
        app.action_toggle_launcher()
        await wait_until(pilot, lambda: app.tabs.active == "apps")
        await pilot.pause()
        assert app.overlay.critical_count == 1  # followed while the board is hidden
        assert app.alert_watcher.followed
        stalls.stalled = False
        app.hub.refresh_all()
        await wait_until(pilot, lambda: app.overlay.critical_count == 0)
        # cleared: nothing keeps the hidden board's key polled any more
        await wait_until(pilot, lambda: not app.alert_watcher.followed)
