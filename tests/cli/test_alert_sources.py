"""``launcher-tui alerts`` counts every alert source the dashboard watches (issue 10, item 3).

An alert widget with its own settings (a custom API's ``state equals down``) used to be skipped
("OK: no alerts", exit 0) because alert checks left out endpoints that take options.
"""

from __future__ import annotations

import json

from integrations.models import Alert
from launcher_tui.alert_book import alert_id, save_acks
from launcher_tui.cli.main import main
from launcher_tui.services import open_services
from tests.support.loopback import LoopbackServer
from tests.support.router_alert import add_router


def seed(loopback: LoopbackServer, state: str) -> None:
    loopback.json("GET", "/status", {"state": state})
    with open_services() as services:
        services.first_run()
        board = services.boards.add({"name": "Network"})
        add_router(services, loopback.url, board.id, refresh=None)


def alerts_json(capsys) -> tuple[int, dict]:
    code = main(["alerts", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_alert_widget_settings_are_checked(loopback, capsys) -> None:
    seed(loopback, "down")
    code, data = alerts_json(capsys)
    assert code == 2, data
    assert [a["message"] for a in data["alerts"]] == ["router is down"]
    assert data["alerts"][0]["source"] == "Router"
    assert data["alerts"][0]["acknowledged"] is False
    assert loopback.requests_to("/status")


def test_acknowledged_alerts_are_listed_and_marked(loopback, capsys) -> None:
    seed(loopback, "down")
    _, first = alerts_json(capsys)
    raised = {k: v for k, v in first["alerts"][0].items() if k != "acknowledged"}
    with open_services() as services:
        save_acks(services.store, {alert_id(Alert(**raised))})
    code, data = alerts_json(capsys)
    assert code == 2  # acknowledging hides it from the banner, not from monitoring
    assert data["alerts"][0]["acknowledged"] is True
    assert main(["alerts"]) == 2
    assert "(acknowledged)" in capsys.readouterr().out


def test_condition_not_met_is_ok(loopback, capsys) -> None:
    seed(loopback, "up")
    code, data = alerts_json(capsys)
    assert code == 0 and data["alerts"] == []
    assert "Router" in data["checked"]
