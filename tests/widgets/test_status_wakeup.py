"""``status_wakeup``: the age ticker leaves a card alone exactly while its words cannot change."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from integrations.base import Endpoint
from integrations.errors import UnreachableError
from integrations.models import RendererKind, StatData
from launcher_tui.backoff import PAUSED_TEXT
from tests.app.demo import wait_until
from tests.widgets.gallery import NOW, entry, screen_text
from widgets.integration_widget import (
    CardState,
    IntegrationWidget,
    status_content,
    status_wakeup,
)

STATES: list[CardState] = ["loading", "ready", "stale", "error"]
AGES = st.integers(0, 10**10).map(lambda ms: ms / 1000)  # milliseconds up to ~115 days
RETRIES = st.sampled_from(["", PAUSED_TEXT, "retrying in 1m 40s", "retrying now"])
ERRORS = st.sampled_from([None, UnreachableError("Connection refused")])


@given(
    state=st.sampled_from(STATES),
    age=st.none() | AGES,
    error=ERRORS,
    refreshing=st.booleans(),
    retry=RETRIES,
    fraction=st.floats(0, 0.99),
)
def test_the_words_hold_until_the_wakeup(
    state: CardState,
    age: float | None,
    error: BaseException | None,
    refreshing: bool,
    retry: str,
    fraction: float,
) -> None:
    wakeup = status_wakeup(state, age, error, refreshing, retry)
    assert wakeup > 0 and (wakeup <= 60 or wakeup == math.inf)
    later = None if age is None else age + fraction * min(wakeup, 10**6)
    before = status_content(state, age, error, refreshing, retry)
    after = status_content(state, later, error, refreshing, retry)
    assert after.plain == before.plain


@given(age=st.integers(0, 3599 * 1000).map(lambda ms: ms / 1000))
def test_an_updated_line_changes_at_its_wakeup(age: float) -> None:
    wakeup = status_wakeup("ready", age, None, False, "")
    before = status_content("ready", age, None, False, "").plain
    assert status_content("ready", age + wakeup, None, False, "").plain != before


def test_countdowns_and_second_ages_wake_every_second() -> None:
    error = UnreachableError("Connection refused")
    assert status_wakeup("error", None, error, False, "retrying in 5s") == 1.0
    assert status_wakeup("stale", 30.0, error, False, "") == 1.0
    assert status_wakeup("stale", 30.0, error, False, PAUSED_TEXT) == math.inf
    assert status_wakeup("ready", 30.0, None, True, "") == math.inf  # "refreshing…"


class Host(App[None]):
    def __init__(self, card: IntegrationWidget) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        yield self.card


async def test_the_ticker_recomputes_a_card_only_when_due() -> None:
    now = [NOW]
    card = IntegrationWidget(
        Endpoint("s", "Stats", RendererKind.STAT), app_name="API", clock=lambda: now[0]
    )
    ticks: list[float] = []
    updates: list[float] = []
    tick_status, update_status = card.tick_status, card._update_status

    def counted_tick() -> None:
        ticks.append(now[0])
        tick_status()

    def counted_update() -> None:
        updates.append(now[0])
        update_status()

    card.tick_status = counted_tick  # type: ignore[method-assign]
    card._update_status = counted_update  # type: ignore[method-assign]
    app = Host(card)
    async with app.run_test(size=(50, 8)) as pilot:
        card.show_entry(entry(StatData(stats=[]), age=3))
        await wait_until(pilot, lambda: "updated just now" in screen_text(app))
        shown = len(updates)
        await wait_until(pilot, lambda: len(ticks) >= 3)  # the ticker ran: nothing was due
        assert len(updates) == shown

        now[0] += 57  # the age is 60 s: "1 min ago" is due
        await wait_until(pilot, lambda: "updated 1 min ago" in screen_text(app))
        assert len(updates) == shown + 1
