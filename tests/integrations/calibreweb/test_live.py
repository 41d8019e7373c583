"""Calibre-Web against the real server (tests/live/services/calibreweb.py): a four-book library."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError
from launcher_tui.runtime import Runtime
from tests.integrations.helpers import fetch
from tests.integrations.servers.live import app, stats
from tests.live.harness import RunningService, service_fixture

pytestmark = pytest.mark.live("calibreweb")
calibreweb = service_fixture("calibreweb")


async def test_connection_and_library(calibreweb: RunningService, runtime: Runtime) -> None:
    expected = calibreweb.extra["stats"]
    outcome = await runtime.test_connection(app(calibreweb, "calibreweb"))
    assert outcome.ok and outcome.summary == f"Calibre-Web: {expected['books']} books", (
        outcome.error
    )
    result = await fetch(runtime, app(calibreweb, "calibreweb"), "library")
    assert stats(result) == {
        "Books": expected["books"], "Authors": expected["authors"],
        "Categories": expected["categories"], "Series": expected["series"],
    }  # fmt: skip
    assert result.alerts == []


async def test_wrong_password_is_refused(calibreweb: RunningService, runtime: Runtime) -> None:
    # one wrong try only: Calibre-Web refuses a user for a minute after three (HTTP 429)
    outcome = await runtime.test_connection(app(calibreweb, "calibreweb", password="not-it-2026"))
    assert isinstance(outcome.error, AuthError), outcome.error
    # the right password still works afterwards (and resets Calibre-Web's failure count)
    assert (await runtime.test_connection(app(calibreweb, "calibreweb"))).ok
