"""A renderer that raises is contained to its card; the rest of the board keeps running.

Issue #8 §4: the card shows an internal-error state naming the exception type, the traceback
goes to the log, the app does not exit and the other cards keep their data.
"""

from __future__ import annotations

import logging

import pytest
from textual.app import App, ComposeResult

from integrations.base import Endpoint
from integrations.models import GaugeData, RendererKind, Stat, StatData
from tests.app.demo import wait_until
from tests.widgets.gallery import clock, entry, screen_text
from widgets import stat_card
from widgets.integration_widget import IntegrationWidget


class Board(App[None]):
    def __init__(self, *cards: IntegrationWidget) -> None:
        super().__init__()
        self.cards = cards

    def compose(self) -> ComposeResult:
        yield from self.cards


def _broken_render_stats(*args: object, **kwargs: object) -> object:
    raise OverflowError("int too large to convert to float")


async def test_a_raising_renderer_shows_internal_error_and_the_board_keeps_running(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(stat_card, "render_stats", _broken_render_stats)
    broken = IntegrationWidget(
        Endpoint("counts", "Counts", RendererKind.STAT), app_name="Sonarr", clock=clock
    )
    fine = IntegrationWidget(
        Endpoint("cpu", "CPU", RendererKind.GAUGE), app_name="System", clock=clock
    )
    app = Board(broken, fine)
    with caplog.at_level(logging.ERROR):
        async with app.run_test(size=(80, 24)) as pilot:
            broken.show_entry(entry(StatData(stats=[Stat(label="Wanted", value=10**400)])))
            fine.show_entry(entry(GaugeData(label="CPU load", value=42)))
            await wait_until(pilot, lambda: broken.state == "error")
            await wait_until(pilot, lambda: "Internal error" in screen_text(app))
            text = screen_text(app)
            assert "OverflowError" in text
            assert "CPU load" in text and "42%" in text  # the other card still draws
            assert fine.state == "ready"
            assert app.is_running
    assert any(
        record.exc_info and record.exc_info[0] is OverflowError for record in caplog.records
    ), "the traceback goes to the log"


def test_error_texts_on_a_card_show_control_characters_visibly() -> None:
    from integrations.errors import BadResponseError
    from widgets.integration_widget import describe_error

    error = BadResponseError("nzbget: \x1b]52;c;eA==\x07 failed", hint="check \u202e it")
    _title, message, hint = describe_error(error)
    assert message == "nzbget: ␛]52;c;eA==␇ failed" and hint == "check ⟨U+202E⟩ it"
