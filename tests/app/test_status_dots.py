"""Every app has a status (issue 10): a reachability check of its URL, one per app per
interval, shown as a dot in the launcher and before its cards' titles; off per app."""

from __future__ import annotations

import socket
import ssl
from pathlib import Path

import pytest

from integrations.tls import default_context
from launcher_tui.app import LauncherApp
from launcher_tui.status_checker import (
    DOWN,
    UP,
    CheckTarget,
    StatusChecker,
    check_once,
    status_of,
    without_login,
)
from tests.app.conftest import wait_until
from tests.app.test_launcher import open_launcher
from tests.framework.servers import https_loopback, self_signed_cert
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def checks_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LauncherApp, "STATUS_CHECKS", True)


def row(app: LauncherApp, app_id: int) -> str:
    options = app.launcher.option_list
    return str(options.get_option_at_index(options.get_option_index(f"app-{app_id}")).prompt)


async def test_dots_in_the_launcher_and_on_cards(
    make_app, frozen, services, loopback: LoopbackServer, checks_on
):
    loopback.route("GET", "/", Response(401, {"error": "login"}))  # answers: up
    services.first_run()
    up = services.apps.add({"name": "Wiki", "url": f"{loopback.url}/", "group": "Lab"}).id
    down = services.apps.add(
        {"name": "Gone", "url": f"http://127.0.0.1:{closed_port()}/", "group": "Lab"}
    ).id
    quiet = services.apps.add({"name": "Quiet", "url": f"{loopback.url}/quiet", "group": "Lab"})
    from launcher_tui.store.models import App

    with services.store.write():
        App.update(status_check=False).where(App.id == quiet.id).execute()
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.app_status.get(up) == UP)
        await wait_until(pilot, lambda: app.app_status.get(down) == DOWN)
        await open_launcher(app, pilot)
        assert row(app, up).startswith("●") and row(app, down).startswith("●")
        assert row(app, quiet.id).startswith("·")  # check off: never asked
        assert loopback.requests_to("/quiet") == []
        assert len(loopback.requests_to("/")) == 1  # one check per app per interval
        assert all(r.header("authorization") is None for r in loopback.requests_to("/"))


async def test_card_titles_carry_the_app_dot(make_app, frozen, services, checks_on):
    services.first_run()
    app: LauncherApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        board = app.current_board
        assert board is not None
        await wait_until(pilot, lambda: bool(board.cards))
        machine = board.cards[0].record.app_id  # type: ignore[attr-defined]
        app.status_changed(machine, DOWN)
        assert all(str(c.border_title).startswith("[$text-error]●") for c in board.cards)
        app.status_changed(machine, UP)
        assert all(str(c.border_title).startswith("[$text-success]●") for c in board.cards)


def test_status_rules() -> None:
    assert status_of(200) == status_of(302) == status_of(401) == UP
    assert status_of(502) == DOWN
    assert without_login("https://bob:hunter2@nas.lan:5001/x") == "https://nas.lan:5001/x"


def test_a_failing_integration_shows_a_diamond() -> None:
    from launcher_tui.screens.launcher import DOTS, NO_CHECK, status_dot
    from tests.app.test_launcher import record

    sonarr = record("Sonarr", "https://sonarr.lan", "", "sonarr")
    assert status_dot(sonarr, "up", failing=True) == DOTS["error"]
    assert status_dot(sonarr, "down", failing=True) == DOTS["down"]  # unreachable says more
    assert status_dot(sonarr, "up") == DOTS["up"]
    assert status_dot(record("Box", "", "", None), None) == NO_CHECK


async def test_checks_verify_tls_with_the_process_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Status checks verify certificates with the shared context: no CA bundle parsed again."""
    cert, key = self_signed_cert(tmp_path)
    default_context()  # the process's verifying context, built by whoever needed it first
    parsed: list[object] = []
    real = ssl.create_default_context

    def counted(*args: object, **kwargs: object) -> ssl.SSLContext:
        parsed.append(kwargs or args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl, "create_default_context", counted)
    checker = StatusChecker(lambda *_: None, timeout=REQUEST_TIMEOUT)
    try:
        with https_loopback(cert, key) as server:
            target = CheckTarget(1, server.url)
            assert await check_once(checker._client(True), target) == DOWN  # not trusted
            off = CheckTarget(1, server.url, verify_tls=False)
            assert await check_once(checker._client(False), off) == UP  # verification off
    finally:
        await checker.aclose()
    assert parsed == []
