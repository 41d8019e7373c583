"""A failing card says when it is tried again, or that it waits for the person (issue 9 §1)."""

from __future__ import annotations

from integrations.base import Endpoint
from integrations.errors import AuthError, UnreachableError
from integrations.models import GaugeData, RendererKind
from launcher_tui.backoff import PAUSED_TEXT
from tests.widgets.gallery import NOW, entry, screen_text
from tests.widgets.test_widgets_app import Host
from widgets.integration_widget import IntegrationWidget


async def test_error_card_counts_down_to_the_next_attempt() -> None:
    now = [NOW]
    card = IntegrationWidget(
        Endpoint("s", "Speeds", RendererKind.GAUGE), app_name="Qbt", clock=lambda: now[0]
    )
    app = Host(card)
    async with app.run_test(size=(90, 10)) as pilot:
        card.show_retry(NOW + 100, False)
        card.show_error(UnreachableError("qbt: connection refused"))
        await pilot.pause()
        assert "retrying in 1m 40s" in screen_text(app)
        now[0] += 60
        card.show_retry(NOW + 100, False)  # same attempt, a minute later
        await pilot.pause()
        assert "retrying in 40s" in screen_text(app)


async def test_paused_card_keeps_its_data_and_says_how_to_resume() -> None:
    card = IntegrationWidget(
        Endpoint("s", "Speeds", RendererKind.GAUGE), app_name="Qbt", clock=lambda: NOW
    )
    app = Host(card)
    async with app.run_test(size=(120, 10)) as pilot:
        card.show_entry(entry(GaugeData(label="CPU", value=42), age=3))
        card.show_retry(None, True)
        card.show_error(AuthError("qbt: the user name or password was refused"))
        await pilot.pause()
        text = screen_text(app)
        assert "42%" in text and PAUSED_TEXT in text
        card.show_retry(None, False)
        card.show_entry(entry(GaugeData(label="CPU", value=43), age=0))
        await pilot.pause()
        assert PAUSED_TEXT not in screen_text(app)


async def test_paused_card_without_data_says_how_to_resume_in_its_body() -> None:
    """A narrow card: the one-line status would cut it, so the error body carries it."""
    card = IntegrationWidget(
        Endpoint("s", "Speeds", RendererKind.GAUGE), app_name="Qbt", clock=lambda: NOW
    )
    app = Host(card)
    async with app.run_test(size=(40, 14)) as pilot:
        card.show_retry(None, True)
        card.show_error(AuthError("qbt: the user name or password was refused"))
        await pilot.pause()
        text = screen_text(app)
        assert "credentials refused" in text and "press r to retry" in text
        card.show_retry(None, False)  # the person pressed r: the note goes
        await pilot.pause()
        assert "press r to retry" not in screen_text(app)
