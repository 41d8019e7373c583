"""The apps launcher: groups, status dots, `/` filter, the app detail with link and clipboard."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from launcher_tui.app import LauncherApp
from launcher_tui.screens.app_detail import AppDetail, has_local_display, link
from launcher_tui.screens.app_form import AppForm
from tests.app.conftest import ready, wait_until


def shown_names(app: LauncherApp) -> list[str]:
    options = app.launcher.option_list
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_launcher(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("l")
    await wait_until(
        pilot, lambda: app.tabs.active == "apps" and app.focused is app.launcher.option_list
    )


async def test_apps_grouped_with_status_and_filtered(make_app, demo):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_launcher(app, pilot)
        await wait_until(pilot, lambda: app.app_status.get(demo["Jellyfin"]) == "down")
        await wait_until(pilot, lambda: app.app_status.get(demo["Nextcloud"]) == "up")
        lines = shown_names(app)
        assert lines.index("Media") < next(i for i, line in enumerate(lines) if "Sonarr" in line)
        assert any(line == "Network" for line in lines) and any(line == "Other" for line in lines)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"network")
        await pilot.pause()
        names = shown_names(app)
        assert any("Router" in n for n in names) and not any("Sonarr" in n for n in names)
        await pilot.press("escape")
        await pilot.pause()
        assert any("Sonarr" in n for n in shown_names(app))
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert shown_names(app) == ["No app matches the filter."]


async def test_open_app_shows_link_and_copies_url(make_app, demo, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 5000 10.0.0.1 22")
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(LauncherApp, "open_url", lambda self, url, **kw: opened.append(url))
    monkeypatch.setattr(LauncherApp, "copy_to_clipboard", lambda self, text: copied.append(text))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_launcher(app, pilot)
        options = app.launcher.option_list
        options.highlighted = options.get_option_index(f"app-{demo['Router']}")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AppDetail))
        await pilot.pause()
        detail = app.screen
        assert not detail.query("#open")  # over SSH: no "open in browser"
        rendered = detail.query_one("#detail").render()
        assert any(
            s.style and "link" in str(s.style) for s in rendered.spans
        ) or "192.168.1.1" in str(rendered)
        await pilot.press("o")
        assert opened == []
        await pilot.press("c")
        assert copied == ["http://192.168.1.1"]
        await pilot.press("e")
        await wait_until(pilot, lambda: ready(app, AppForm))
        assert app.screen.query_one("#app-name", Input).value == "Router"


async def test_open_in_browser_only_with_a_local_display(make_app, demo, monkeypatch):
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    opened: list[str] = []
    monkeypatch.setattr(LauncherApp, "open_url", lambda self, url, **kw: opened.append(url))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_launcher(app, pilot)
        options = app.launcher.option_list
        options.highlighted = options.get_option_index(f"app-{demo['Router']}")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AppDetail))
        await pilot.pause()
        assert app.screen.query("#open")
        await pilot.press("o")
        assert opened == ["http://192.168.1.1"]


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "linux", False),
        ({}, "darwin", True),
        ({"DISPLAY": ":0", "SSH_CONNECTION": "a b c d"}, "linux", False),
        ({"SSH_TTY": "/dev/pts/1"}, "darwin", False),
    ],
)
def test_local_display_rules(env, platform, expected):
    assert has_local_display(env, platform) is expected


def test_link_is_an_osc8_hyperlink():
    content = link("https://sonarr.home.lan/?a='b'")
    assert str(content) == "https://sonarr.home.lan/?a='b'"
    assert any("link" in str(span.style) for span in content.spans)


# -- row layout (pure) --------------------------------------------------------------------------


def record(name: str, url: str = "", icon: str = "", integration: str | None = None, **kw):
    from datetime import datetime

    from launcher_tui.services.schemas import AppRecord

    now = datetime(2025, 6, 3)
    fields = {
        "id": 1,
        "group": "",
        "description": "",
        "sort_order": 0,
        "integration_enabled": True,
        "verify_tls": True,
        "ca_bundle": None,
        "config": {},
        "secret_fields": [],
        "config_state": "ok",
        "config_message": "",
        "created_at": now,
        "updated_at": now,
    }
    fields.update(kw)
    return AppRecord(name=name, url=url, icon=icon, integration=integration, **fields)


def test_launcher_rows_are_aligned_columns():
    from rich.cells import cell_len

    from launcher_tui.screens.launcher import app_line, plan_columns

    apps = [
        record("Sonarr", "https://sonarr.home.lan", "📺", "sonarr", description="TV series"),
        record("Nextcloud", "https://cloud.home.lan", "☁", "http"),
        record("Router", "http://192.168.1.1", "📡", status_check=False),
    ]
    columns = plan_columns(apps, 90)
    rows = [app_line(a, s, columns) for a, s in zip(apps, [None, "up", None], strict=True)]
    plain = [r.plain for r in rows]
    # names start in one column (icons padded by cell width), URLs too, a gap between them
    name_at = [cell_len(p[: p.index(a.name)]) for p, a in zip(plain, apps, strict=True)]
    assert len(set(name_at)) == 1
    url_at = [cell_len(p[: p.index(a.url)]) for p, a in zip(plain, apps, strict=True)]
    assert len(set(url_at)) == 1 and url_at[0] >= name_at[0] + len("Nextcloud") + 2
    assert "Sonarr  " in plain[0] and "TV series" in plain[0]
    # every row starts with a status cell: a dot for checked apps (○ until the first answer),
    # a muted placeholder for apps whose check is off
    assert plain[1][0] == "●" and plain[0][0] == "○" and plain[2][0] == "·"
    # the URL is muted text, the name bold
    styles = {rows[0].plain[s.start : s.end].strip(): str(s.style) for s in rows[0].spans}
    assert styles["https://sonarr.home.lan"] == "$text-muted" and styles["Sonarr"] == "bold"


def test_launcher_rows_truncate_at_narrow_widths():
    from rich.cells import cell_len

    from launcher_tui.screens.launcher import app_line, plan_columns

    apps = [
        record("Sonarr", "https://sonarr.very-long-domain.home.lan/sonarr", "📺", "sonarr"),
        record("A rather long application name", "http://x.lan", "", None),
    ]
    for width in (60, 40, 24):
        columns = plan_columns(apps, width)
        for app in apps:
            assert cell_len(app_line(app, None, columns).plain) <= width
    narrow = app_line(apps[0], None, plan_columns(apps, 40)).plain
    assert "Sonarr" in narrow and "…" in narrow  # URL cut with an ellipsis, name kept
