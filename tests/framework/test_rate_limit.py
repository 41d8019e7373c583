"""Rate limits: 429 (and 503 with Retry-After) become RateLimitedError with the wait parsed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.client import HttpClient
from integrations.errors import (
    MAX_RETRY_AFTER,
    AuthError,
    BadStatusError,
    RateLimitedError,
    parse_retry_after,
)
from tests.support.loopback import LoopbackServer, Response

NOW = 1_800_000_000.0

SEATS = {
    "error": {
        "key": "api_seats_exceeded",
        "message": "API seats exceeded",
        "hint": "increase webserver.api.max_sessions",
    },
    "took": 0.002,
}


@pytest.fixture
async def client(loopback: LoopbackServer) -> AsyncIterator[HttpClient]:
    http = HttpClient(loopback.url, integration="demo")
    yield http
    await http.aclose()


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("300", 300.0),
        (" 0 ", 0.0),
        ("999999999999999999999", MAX_RETRY_AFTER),
        (format_datetime(datetime.fromtimestamp(NOW + 120, UTC), usegmt=True), 120.0),
        (format_datetime(datetime.fromtimestamp(NOW - 50, UTC), usegmt=True), 0.0),
        (format_datetime(datetime.fromtimestamp(NOW + 86400, UTC), usegmt=True), MAX_RETRY_AFTER),
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_forms(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


@given(st.text(max_size=60))
def test_retry_after_never_raises_and_stays_in_bounds(header: str) -> None:
    seconds = parse_retry_after(header, now=NOW)
    assert seconds is None or 0.0 <= seconds <= MAX_RETRY_AFTER


async def test_429_is_rate_limited_with_the_wait_and_the_whole_service_message(
    client: HttpClient, loopback: LoopbackServer
) -> None:
    loopback.route("POST", "/api/auth", Response(429, SEATS, headers={"Retry-After": "300"}))
    with pytest.raises(RateLimitedError) as info:
        await client.request("POST", "/api/auth")
    error = info.value
    assert error.retry_after == 300.0 and error.status_code == 429
    assert error.code == "rate_limited"
    assert not isinstance(error, AuthError)  # a back-off, not "stop polling"
    assert "API seats exceeded" in error.message
    assert "increase webserver.api.max_sessions" in error.message  # not cut mid-body
    assert "URL" not in error.hint and "base path" not in error.hint
    assert error.to_dict()["retry_after"] == "300"


async def test_429_without_retry_after(client: HttpClient, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/api", Response(429, "Too Many Requests"))
    with pytest.raises(RateLimitedError) as info:
        await client.request("GET", "/api")
    assert info.value.retry_after is None and "Too Many Requests" in info.value.message


async def test_503_is_rate_limited_only_with_retry_after(
    client: HttpClient, loopback: LoopbackServer
) -> None:
    loopback.route("GET", "/busy", Response(503, "busy", headers={"Retry-After": "7"}))
    with pytest.raises(RateLimitedError) as info:
        await client.request("GET", "/busy")
    assert info.value.retry_after == 7.0 and info.value.status_code == 503
    loopback.route("GET", "/down", Response(503, json.dumps({"message": "maintenance"})))
    with pytest.raises(BadStatusError) as plain:
        await client.request("GET", "/down")
    assert not isinstance(plain.value, RateLimitedError)
    assert plain.value.retry_after is None
