"""Backing off instead of hammering: upstream requests counted over a simulated clock.

The coordinator gets a :class:`~tests.support.clock.SimulatedClock`, so ten minutes of polling run
in well under a second, and every request is counted by a real loopback server (or the scripted
integration's call log). Jitter is fixed (``rand`` → 0.5 means no spread) so the schedule is exact.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from urllib.parse import parse_qs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.base import Endpoint, Integration
from integrations.errors import AuthError, BadStatusError, UnreachableError
from integrations.models import GaugeData, RendererKind
from integrations.registry import registry
from launcher_tui.backoff import PAUSED_TEXT, BackoffPolicy, format_wait, retry_text
from launcher_tui.cache import TTLCache
from launcher_tui.coordinator import CoordinatorHub, Update
from launcher_tui.runtime import Runtime, Target
from tests.support.clock import SimulatedClock, until
from tests.support.loopback import LoopbackServer, Request, Response

TEN_MINUTES = 600.0


def hub_with(clock: SimulatedClock) -> CoordinatorHub:
    runtime = Runtime(cache=TTLCache(clock=clock.now))
    return CoordinatorHub(runtime, clock=clock, policy=BackoffPolicy(rand=lambda: 0.5))


# -- a qBittorrent that refuses the password ----------------------------------------------------


class Qbt:
    """qBittorrent's login: 200 ``Fails.`` for a wrong password, the SID cookie for the right."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        server.route("POST", "/api/v2/auth/login", self.login)
        for path, body in (("/api/v2/transfer/info", {"dl_info_speed": 1, "up_info_speed": 2}),
                           ("/api/v2/torrents/info", [])):  # fmt: skip
            server.route("GET", path, self.data(body))

    @property
    def logins(self) -> int:
        return len(self.server.requests_to("/api/v2/auth/login"))

    def login(self, request: Request) -> Response:
        password = parse_qs(request.body.decode()).get("password", [""])[0]
        if password != "right-one":
            return Response(200, "Fails.")
        return Response(200, "Ok.", headers={"Set-Cookie": "SID=abc123; HttpOnly; path=/"})

    def data(self, body: object):
        def answer(request: Request) -> Response:
            if "SID=abc123" not in (request.header("Cookie") or ""):
                return Response(403, "Forbidden")
            return Response(200, body)

        return answer


def qbt_target(url: str, password: str) -> Target:
    return Target(
        app_id="qb",
        app_name="Qbt",
        url=url,
        integration_id="qbittorrent",
        config={"username": "admin", "password": password},
    )


async def test_a_wrong_password_makes_one_login_in_ten_minutes_until_the_person_retries(
    loopback: LoopbackServer,
) -> None:
    """The done-when of issue 9: at most 3 logins in 10 minutes (it is 1), three widgets."""
    qbt = Qbt(loopback)
    clock = SimulatedClock()
    hub = hub_with(clock)
    target = qbt_target(loopback.url, "wrong-one")
    seen: dict[str, list[Update]] = {e: [] for e in ("speeds", "torrents", "progress")}
    stops = [hub.subscribe(target, e, seen[e].append, interval=5) for e in seen]

    await clock.run_for(TEN_MINUTES, pollers=3)

    assert qbt.logins == 1
    for updates in seen.values():
        last = updates[-1]
        assert last.paused and last.next_attempt is None
        assert last.error is not None and last.error.code == "invalid_auth"
    assert len(loopback.requests) == 1  # nothing but that one login reached the service

    hub.retry_app("qb")  # the person pressed r: one login for the whole app, then paused again
    await clock.run_for(TEN_MINUTES, pollers=3)
    assert qbt.logins == 2

    hub.coordinator(qbt_target(loopback.url, "right-one"), "speeds")  # edited: polling resumes
    await until(lambda: seen["speeds"][-1].error is None)
    assert qbt.logins == 3
    assert not seen["speeds"][-1].paused
    for stop in stops:
        stop()
    await hub.runtime.aclose()


# -- a scripted service for exact schedules ----------------------------------------------------


class RateLimited(BadStatusError):
    """A 429 that says how long to wait (what ``integrations.errors`` raises for one)."""

    code = "rate_limited"

    def __init__(self, retry_after: float) -> None:
        super().__init__("box: HTTP 429 API seats exceeded", status_code=429)
        self.retry_after = retry_after


class Flaky(Integration):
    """Raises what the test says, recording when (simulated) each call happened."""

    id = "flaky_backoff"
    name = "Flaky"
    needs_url = False
    endpoints = (
        Endpoint("a", "A", RendererKind.GAUGE, ttl=0),
        Endpoint("b", "B", RendererKind.GAUGE, ttl=0),
    )

    def __init__(self) -> None:
        self.clock: SimulatedClock | None = None
        self.calls: list[tuple[str, float]] = []
        self.fail: dict[str, Exception] = {}

    async def test_connection(self, ctx):  # pragma: no cover - not used here
        return "ok"

    async def _answer(self, endpoint: str) -> GaugeData:
        assert self.clock is not None
        self.calls.append((endpoint, self.clock.now()))
        await asyncio.sleep(0)
        if endpoint in self.fail:
            raise self.fail[endpoint]
        return GaugeData(label=endpoint, value=1.0)

    async def fetch_a(self, ctx, options):
        return await self._answer("a")

    async def fetch_b(self, ctx, options):
        return await self._answer("b")


@pytest.fixture
def flaky() -> Iterator[Flaky]:
    integration = registry.register(Flaky())
    yield integration  # type: ignore[misc]
    registry.unregister(Flaky.id)


FLAKY = Target(app_id="9", app_name="Box", url="", integration_id=Flaky.id)


def times(flaky: Flaky, endpoint: str, start: float) -> list[float]:
    return [t - start for e, t in flaky.calls if e == endpoint]


async def test_other_errors_back_off_exponentially_up_to_the_cap(flaky: Flaky) -> None:
    clock = flaky.clock = SimulatedClock()
    start = clock.now()
    flaky.fail["a"] = UnreachableError("box: connection refused")
    hub = hub_with(clock)
    seen: list[Update] = []
    stop = hub.subscribe(FLAKY, "a", seen.append, interval=5)
    await clock.run_for(2 * TEN_MINUTES, pollers=1)
    attempts = times(flaky, "a", start)
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert gaps[:6] == [5, 10, 20, 40, 80, 160]  # doubling from the refresh interval …
    assert set(gaps[6:]) == {300}  # … up to five minutes
    assert seen[-1].next_attempt == clock.time() - (clock.now() - start - attempts[-1]) + 300

    del flaky.fail["a"]  # recovery: back to the normal interval
    hub.coordinator(FLAKY, "a").request_refresh()
    await clock.run_for(20, pollers=1)
    recovered = times(flaky, "a", start)[len(attempts) :]
    assert [b - a for a, b in itertools.pairwise(recovered)] == [5, 5, 5, 5]
    assert seen[-1].error is None and seen[-1].next_attempt is None
    stop()


async def test_jitter_spreads_the_backoff_within_bounds() -> None:
    error = UnreachableError("x")
    low = BackoffPolicy(rand=lambda: 0.0).decide(error, 3, 10)
    high = BackoffPolicy(rand=lambda: 1.0).decide(error, 3, 10)
    assert (low.delay, high.delay) == (32.0, 48.0)  # 40 s ± 20 %
    assert BackoffPolicy(rand=lambda: 1.0).decide(error, 30, 10).delay == 300.0  # never above


async def test_retry_after_holds_every_key_of_the_app(flaky: Flaky) -> None:
    """429 + Retry-After: 300 on one key: neither key asks again for five minutes."""
    clock = flaky.clock = SimulatedClock()
    start = clock.now()
    flaky.fail["a"] = RateLimited(retry_after=300)
    hub = hub_with(clock)
    seen_b: list[Update] = []
    stop_a = hub.subscribe(FLAKY, "a", lambda u: None, interval=5)
    await clock.settle(1)
    stop_b = hub.subscribe(FLAKY, "b", seen_b.append, interval=5)
    await clock.run_for(299, pollers=2)
    assert times(flaky, "a", start) == [0]
    assert times(flaky, "b", start) == []  # held by a's rate limit
    assert seen_b[-1].error is not None and seen_b[-1].error.code == "rate_limited"
    assert seen_b[-1].next_attempt == pytest.approx(clock.time() + 1)
    assert retry_text(seen_b[-1].next_attempt, False, clock.time()) == "retrying in 1s"

    del flaky.fail["a"]
    await clock.run_for(2, pollers=2)
    assert times(flaky, "a", start) == [0, 300]
    assert times(flaky, "b", start)[:1] == [300]
    stop_a()
    stop_b()


async def test_refused_credentials_on_one_key_pause_the_whole_app(flaky: Flaky) -> None:
    clock = flaky.clock = SimulatedClock()
    start = clock.now()
    hub = hub_with(clock)
    seen_b: list[Update] = []
    stop_b = hub.subscribe(FLAKY, "b", seen_b.append, interval=5)
    await clock.run_for(12, pollers=1)
    assert times(flaky, "b", start) == [0, 5, 10]
    flaky.fail["a"] = AuthError("box: the password was refused")
    stop_a = hub.subscribe(FLAKY, "a", lambda u: None, interval=5)
    await clock.run_for(TEN_MINUTES, pollers=2)
    assert times(flaky, "a", start) == [12]
    assert times(flaky, "b", start) == [0, 5, 10]  # b's next tick (15) found the app paused
    assert seen_b[-1].paused and seen_b[-1].entry is not None  # its data stays, marked paused
    assert retry_text(None, True, clock.time()) == PAUSED_TEXT
    stop_a()
    stop_b()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (40, "40s"), (59.2, "1m"), (100, "1m 40s"), (300, "5m"), (3720, "1h 2m")],
)
def test_format_wait(seconds: float, text: str) -> None:
    assert format_wait(seconds) == text


async def test_a_login_out_of_session_seats_waits_for_retry_after(
    loopback: LoopbackServer,
) -> None:
    """`session_limit_429.py`: NPM's login answers 429 + Retry-After: 300 (Pi-hole v6 alike)."""
    import integrations.errors

    seats = {"error": {"key": "api_seats_exceeded", "message": "API seats exceeded"}}
    loopback.route("POST", "/api/tokens", Response(429, seats, headers={"Retry-After": "300"}))
    clock = SimulatedClock()
    hub = hub_with(clock)
    target = Target(
        app_id="npm",
        app_name="NPM",
        url=loopback.url,
        integration_id="npm",
        config={"username": "admin@example.test", "password": "secret-pw"},
    )
    seen: list[Update] = []
    stops = [
        hub.subscribe(target, "hosts", seen.append, interval=5),
        hub.subscribe(target, "certificates", lambda u: None, interval=5),
    ]
    await clock.run_for(TEN_MINUTES, pollers=2)
    logins = len(loopback.requests_to("/api/tokens"))
    # with the rate-limit kind carrying Retry-After: at 0, 300 and 600 s; without it the
    # coordinator still backs off from a minute (0, 60, 180, 420 s)
    assert logins <= (3 if hasattr(integrations.errors, "RateLimitedError") else 4)
    assert seen[-1].error is not None and seen[-1].next_attempt is not None
    assert seen[-1].next_attempt - clock.time() >= 60
    for stop in stops:
        stop()
    await hub.runtime.aclose()


@given(
    failures=st.integers(min_value=1, max_value=200),
    interval=st.floats(min_value=2, max_value=3600),
    r=st.floats(min_value=0, max_value=1),
)
def test_backoff_never_exceeds_the_cap_and_never_shrinks(
    failures: int, interval: float, r: float
) -> None:
    policy = BackoffPolicy(rand=lambda: r)
    error = UnreachableError("x")
    delay = policy.decide(error, failures, interval).delay
    assert delay is not None and 0 <= delay <= policy.max_backoff
    steady = BackoffPolicy(rand=lambda: 0.5)
    assert (
        steady.decide(error, failures, interval).delay
        <= steady.decide(error, failures + 1, interval).delay
    )


@given(asked=st.one_of(st.floats(allow_nan=True), st.none()))
def test_any_retry_after_gives_a_bounded_wait(asked: float | None) -> None:
    class Limited(BadStatusError):
        retry_after = asked

    decision = BackoffPolicy(rand=lambda: 0.5).decide(Limited("x", status_code=429), 1, 5)
    assert decision.app_wide and decision.delay is not None
    assert 0 <= decision.delay <= max(BackoffPolicy().max_retry_after, 60 * 1.2)
