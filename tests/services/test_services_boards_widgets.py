"""Boards, widgets validated against integration endpoints, cascades and first-run seeding."""

from __future__ import annotations

import pytest

from integrations.errors import UnknownIntegrationError
from integrations.registry import registry
from launcher_tui.services import Services
from launcher_tui.services.errors import AlreadyExists, NotFound, ValidationFailed
from launcher_tui.services.schemas import MIN_REFRESH_SECONDS


@pytest.fixture
def board_and_app(services: Services, media_app) -> Services:
    services.boards.add({"name": "Home", "columns": 4})
    services.apps.add(media_app())
    return services


def test_boards_crud(services: Services) -> None:
    services.boards.add({"name": "Home"})
    services.boards.add({"name": "Media", "columns": 6})
    assert [(b.name, b.columns) for b in services.boards.list()] == [("Home", 4), ("Media", 6)]
    with pytest.raises(AlreadyExists):
        services.boards.add({"name": "home"})
    assert services.boards.rename("Media", "Films").name == "Films"
    with pytest.raises(AlreadyExists):
        services.boards.rename("Films", "HOME")
    with pytest.raises(ValidationFailed) as info:
        services.boards.add({"name": "Wide", "columns": 40})
    assert "columns" in info.value.errors
    services.boards.remove("Films")
    with pytest.raises(NotFound, match="Known: Home"):
        services.boards.get("Films")


def test_widget_kind_and_refresh_come_from_endpoint(board_and_app: Services) -> None:
    widget = board_and_app.widgets.add({"board": "Home", "app": "Sonarr", "endpoint": "queue"})
    assert widget.kind == "list"
    assert widget.refresh_interval is None and widget.effective_refresh == 15
    stat = board_and_app.widgets.add(
        {"board": "Home", "app": "Sonarr", "endpoint": "wanted", "refresh_interval": 5}
    )
    assert (stat.kind, stat.effective_refresh) == ("stat", 5)
    assert [w.endpoint for w in board_and_app.widgets.list("Home")] == ["queue", "wanted"]
    assert board_and_app.boards.get("Home").widget_count == 2


def test_unknown_endpoint_lists_available(board_and_app: Services) -> None:
    with pytest.raises(ValidationFailed) as info:
        board_and_app.widgets.add({"board": "Home", "app": "Sonarr", "endpoint": "nope"})
    message = info.value.errors["endpoint"]
    assert "queue" in message and "wanted" in message and "search" in message


def test_refresh_interval_minimum(board_and_app: Services) -> None:
    with pytest.raises(ValidationFailed) as info:
        board_and_app.widgets.add(
            {"board": "Home", "app": "Sonarr", "endpoint": "queue", "refresh_interval": 1}
        )
    assert str(MIN_REFRESH_SECONDS).rstrip("0").rstrip(".") in info.value.errors["refresh_interval"]


def test_options_validated_against_endpoint(board_and_app: Services) -> None:
    base = {"board": "Home", "app": "Sonarr"}
    with pytest.raises(ValidationFailed) as info:
        board_and_app.widgets.add({**base, "endpoint": "search", "options": {"limit": 500}})
    assert {"options.query", "options.limit"} <= set(info.value.errors)
    widget = board_and_app.widgets.add(
        {**base, "endpoint": "search", "options": {"query": "missing"}}
    )
    assert widget.options == {"query": "missing", "limit": 5}
    with pytest.raises(ValidationFailed) as info:
        board_and_app.widgets.add({**base, "endpoint": "queue", "options": {"query": "x"}})
    assert "takes no options" in info.value.errors["options"]


def test_app_without_integration_has_no_endpoints(board_and_app: Services) -> None:
    board_and_app.apps.add({"name": "Router", "url": "http://r"})
    with pytest.raises(ValidationFailed) as info:
        board_and_app.widgets.add({"board": "Home", "app": "Router", "endpoint": "queue"})
    assert "no integration" in info.value.errors["app"]


def test_grid_placement_bounds_and_overlap(board_and_app: Services) -> None:
    add = board_and_app.widgets.add
    base = {"board": "Home", "app": "Sonarr", "endpoint": "wanted"}
    first = add({**base, "w": 2, "h": 2})
    second = add({**base, "w": 2})
    third = add({**base, "w": 3})
    assert [(w.x, w.y) for w in (first, second, third)] == [(0, 0), (2, 0), (0, 2)]
    with pytest.raises(ValidationFailed) as info:
        add({**base, "x": 3, "y": 5, "w": 2})
    assert "4 columns" in info.value.errors["position"]
    with pytest.raises(ValidationFailed) as info:
        add({**base, "x": 1, "y": 1})
    assert "overlaps" in info.value.errors["position"]
    moved = board_and_app.widgets.move(second.id, 2, 1)
    assert (moved.x, moved.y) == (2, 1)
    with pytest.raises(ValidationFailed):
        board_and_app.widgets.move(second.id, 1, 0)
    resized = board_and_app.widgets.resize(third.id, 4, 1)
    assert (resized.w, resized.h) == (4, 1)
    with pytest.raises(ValidationFailed):
        board_and_app.widgets.resize(third.id, 5, 1)
    with pytest.raises(ValidationFailed) as info:
        board_and_app.boards.set_columns("Home", 3)
    assert "column 4" in info.value.errors["columns"]


def test_removing_app_or_board_removes_its_widgets(board_and_app: Services, media_app) -> None:
    board_and_app.apps.add(media_app(name="Radarr"))
    board_and_app.boards.add({"name": "Other"})
    for app, board in (("Sonarr", "Home"), ("Radarr", "Home"), ("Sonarr", "Other")):
        board_and_app.widgets.add({"board": board, "app": app, "endpoint": "queue"})
    board_and_app.apps.remove("Sonarr")
    assert [(w.app, w.board) for w in board_and_app.widgets.list()] == [("Radarr", "Home")]
    board_and_app.boards.remove("Home")
    assert board_and_app.widgets.list() == []
    assert [a.name for a in board_and_app.apps.list()] == ["Radarr"]


def test_remove_widget(board_and_app: Services) -> None:
    widget = board_and_app.widgets.add({"board": "Home", "app": "Sonarr", "endpoint": "queue"})
    board_and_app.widgets.remove(widget.id)
    with pytest.raises(NotFound):
        board_and_app.widgets.get(widget.id)


def test_first_run_seeds_system_board_once(services: Services) -> None:
    assert services.first_run() is True
    widgets = services.widgets.list("Home")
    system = registry.get("system")
    assert sorted(w.endpoint for w in widgets) == sorted(e.id for e in system.endpoints)
    assert {w.app for w in widgets} == {"This machine"}
    app = services.apps.get("This machine")
    assert app.integration == "system" and app.config_state == "ok"
    assert services.first_run() is False
    assert len(services.widgets.list()) == len(system.endpoints)
    services.apps.remove("This machine")
    services.boards.remove("Home")
    assert services.first_run() is False  # emptied on purpose: not seeded again


def test_first_run_leaves_a_used_store_alone(services: Services) -> None:
    services.boards.add({"name": "Mine"})
    assert services.first_run() is False
    assert services.apps.list() == []


def test_first_run_without_system_integration(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(integration_id: str) -> None:
        raise UnknownIntegrationError(integration_id, ["testmedia"])

    monkeypatch.setattr(services.registry, "get", missing)
    assert services.first_run() is False
    assert services.boards.list() == []


def test_stored_layout_tells_board_changes_apart(board_and_app: Services) -> None:
    """The dashboard's change snapshot: each board's widgets as stored, no records built."""
    services = board_and_app
    services.boards.add({"name": "Media"})
    queue = services.widgets.add({"board": "Home", "app": "Sonarr", "endpoint": "queue"})
    wanted = services.widgets.add({"board": "Media", "app": "Sonarr", "endpoint": "wanted"})
    before = services.widgets.stored_layout()
    assert {b: [w.id for w in ws] for b, ws in before.items()} == {
        queue.board_id: [queue.id],
        wanted.board_id: [wanted.id],
    }
    (stored,) = before[queue.board_id]
    assert (stored.app_id, stored.endpoint, stored.kind) == (queue.app_id, "queue", "list")
    assert services.widgets.stored_layout() == before  # nothing changed: equal

    services.widgets.move(queue.id, 2, 1)
    after = services.widgets.stored_layout()
    assert after[queue.board_id] != before[queue.board_id]
    assert after[wanted.board_id] == before[wanted.board_id]  # the other board is untouched


def test_widgets_of_one_kind(board_and_app: Services) -> None:
    services = board_and_app
    services.widgets.add({"board": "Home", "app": "Sonarr", "endpoint": "queue"})
    services.widgets.add({"board": "Home", "app": "Sonarr", "endpoint": "wanted"})
    assert [w.endpoint for w in services.widgets.list(kind="stat")] == ["wanted"]
    assert [w.endpoint for w in services.widgets.list(kind="list")] == ["queue"]
    assert services.widgets.list(kind="alert") == []
