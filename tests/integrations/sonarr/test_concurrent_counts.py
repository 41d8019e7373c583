"""The counts endpoint asks its three questions at once: one round trip, not three (#11).

The server holds each of the three answers until all three requests have arrived (a barrier):
asked one after another, the first request would wait for the others forever, the barrier
times out and the fetch fails. No timing is measured.
"""

from __future__ import annotations

import threading

import pytest

from integrations.errors import IntegrationError
from launcher_tui.runtime import Runtime
from tests.integrations.sonarr.test_offline import API, KEY, fixture, target
from tests.support.loopback import LoopbackServer, Request, Response

PATHS = {"/wanted/missing": "wanted_missing", "/queue/status": "queue_status", "/series": "series"}


def held_until_all_arrive(loopback: LoopbackServer, failing: str | None = None) -> None:
    barrier = threading.Barrier(len(PATHS), timeout=10)

    def answer(name: str, path: str):
        def handler(request: Request) -> Response:
            if request.header("X-Api-Key") != KEY:
                return Response(401, {"error": "Unauthorized"})
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                return Response(500, {"error": "asked one after another"})
            if path == failing:
                return Response(200, "<html>login</html>")
            return Response(200, fixture(name))

        return handler

    for path, name in PATHS.items():
        loopback.route("GET", API + path, answer(name, path))


async def test_counts_requests_run_concurrently(runtime: Runtime, loopback: LoopbackServer) -> None:
    held_until_all_arrive(loopback)
    entry = await runtime.fetch(target(loopback.url), "counts")
    stats = {s.label: s.value for s in entry.value.data.stats}
    assert stats == {"Wanted": 42, "Queued": 3, "Series": 3}


async def test_one_failing_request_fails_the_fetch_with_its_error(
    runtime: Runtime, loopback: LoopbackServer
) -> None:
    held_until_all_arrive(loopback, failing="/queue/status")
    with pytest.raises(IntegrationError, match="queue status"):
        await runtime.fetch(target(loopback.url), "counts")
