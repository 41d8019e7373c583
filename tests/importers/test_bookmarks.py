"""Bookmarks: the service (unique per group, lookups) and ``launcher-tui bookmarks``."""

from __future__ import annotations

import pytest

from launcher_tui.services import Services
from launcher_tui.services.errors import AlreadyExists, NotFound, ValidationFailed
from tests.importers.conftest import Run


def test_names_are_unique_per_group_not_globally(services: Services) -> None:
    services.bookmarks.add({"name": "Docs", "url": "https://a.example", "group": "Dev"})
    services.bookmarks.add({"name": "Docs", "url": "https://b.example", "group": "Media"})
    with pytest.raises(AlreadyExists):
        services.bookmarks.add({"name": "docs", "url": "https://c.example", "group": "Dev"})
    assert [(b.group, b.url) for b in services.bookmarks.list()] == [
        ("Dev", "https://a.example"),
        ("Media", "https://b.example"),
    ]
    with pytest.raises(ValidationFailed, match="several groups"):
        services.bookmarks.get("Docs")
    assert services.bookmarks.get("Media/Docs").url == "https://b.example"


def test_upsert_updates_in_place(services: Services) -> None:
    first, created = services.bookmarks.upsert({"name": "Gh", "url": "https://gh.example"})
    again, created_again = services.bookmarks.upsert(
        {"name": "GH", "url": "https://github.example", "description": "code"}
    )
    assert (created, created_again) == (True, False)
    assert again.id == first.id and again.url == "https://github.example"
    assert len(services.bookmarks.list()) == 1


def test_bad_url_and_unknown_name_are_refused(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="url"):
        services.bookmarks.add({"name": "x", "url": "github.com"})
    with pytest.raises(ValidationFailed, match="url"):
        services.bookmarks.add({"name": "x", "url": ""})
    with pytest.raises(NotFound):
        services.bookmarks.remove("nothing")


def test_cli_add_list_remove(run: Run) -> None:
    code, _, err = run(
        "bookmarks", "add", "GitHub", "--url", "https://github.com", "--group", "Dev"
    )
    assert code == 0, err
    code, data = run.json("bookmarks", "list")
    assert code == 0
    assert [(b["group"], b["name"], b["url"]) for b in data["bookmarks"]] == [
        ("Dev", "GitHub", "https://github.com")
    ]
    code, out, _ = run("bookmarks", "list")
    assert "GitHub" in out and "https://github.com" in out
    code, _, err = run("bookmarks", "remove", "nope")
    assert code == 2 and "nope" in err
    code, data = run.json("bookmarks", "remove", "Dev/GitHub")
    assert code == 0 and data["removed"]["name"] == "GitHub"
    code, data = run.json("bookmarks", "list")
    assert data["bookmarks"] == []
