"""Nothing typed by a person or sent by a service is parsed as markup (issue #8 §2).

A toast quoting a service's error showed ``[@click=app.quit]`` as a clickable action and
``[/]`` hid the toast; ``[/]`` in a form field crashed the app on save. These run the real
dashboard (Textual pilot) and look at what is on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from launcher_tui.app import LauncherApp
from launcher_tui.services import Services, open_services
from tests.app.demo import wait_until
from tests.security.strategies import UNSAFE_CHARS
from tests.widgets.gallery import screen_text

HOSTILE = "[@click=app.quit]CLICK[/] [bold red]red[/] broken [/] \x1b[2J\u202e end"


@pytest.fixture
def services(isolated_dirs: Path) -> Iterator[Services]:
    opened = open_services()
    opened.boards.add({"name": "B"})
    yield opened
    opened.close()


async def test_toasts_show_service_text_literally(services: Services) -> None:
    app = LauncherApp(services)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        app.notify(HOSTILE, title="nzbget [b]x[/b] \x1b]0;t\x07", severity="error")
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)))
        toast = app.screen.query(Toast).first()
        text = toast.render().plain
        assert "[@click=app.quit]CLICK[/]" in text and "broken [/] markup" not in text
        assert "[bold red]red[/]" in text and "␛[2J" in text
        assert not set(text) & (UNSAFE_CHARS - {"\n"})
        styles = " ".join(str(span.style) for span in toast.render().spans)
        assert "@click" not in styles and "red" not in styles
        assert "nzbget [b]x[/b] ␛]0;t␇" in text
        assert app.is_running


async def test_markup_in_a_form_field_is_shown_not_parsed(services: Services) -> None:
    app = LauncherApp(services)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: app.screen.query("#app-name"))
        form = app.screen
        form.query_one("#app-name").value = "X"
        form.query_one("#app-url").value = "http://127.0.0.1:9"
        form.query_one("#app-integration").value = "customapi"
        await wait_until(
            pilot,
            lambda: (
                form.config_form is not None
                and form.config_form.query("#input-auth SelectCurrent #label")
            ),
        )
        form.config_form.input_for("auth").value = "header"
        form.config_form.input_for("token").value = "tok"
        form.config_form.input_for("header_name").value = "[/]"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "'[/]' is not a valid header name" in screen_text(app))
        assert app.is_running


@pytest.mark.parametrize("debug", [False, True])
def test_a_dashboard_crash_prints_one_line_without_debug(
    services: Services, capsys: pytest.CaptureFixture[str], debug: bool
) -> None:
    from rich.traceback import Traceback

    app = LauncherApp(services)
    app.show_tracebacks = debug
    try:
        raise OverflowError("int too large to convert to float")
    except OverflowError as exc:
        app._crash_type = type(exc).__name__
        app._exit_renderables.append(Traceback.from_exception(type(exc), exc, exc.__traceback__))
    app._print_error_renderables()
    err = capsys.readouterr().err
    assert ("Traceback" in err) == debug
    assert debug or "internal error (OverflowError); run with --debug" in err
