"""When one request of a fetch fails, the fetch's other requests end with it, in every integration.

An integration that sends requests concurrently (Transmission's stats and torrents, Gitea's four
counts, ...) used ``asyncio.gather``: the first failure ended the fetch, but its siblings kept
running with nobody waiting for them. They reached the service after the widget had already
shown the error, ran on after the client was closed, and one of them, caught between its TCP
connect and its TLS hello, deadlocked a test HTTPS server for a whole CI run.

The service here fails the first request at once and holds every later one until the next
round, so a sibling is still in flight when the failure arrives. After each fetch and connection
test, no task may be left running. Integrations come from the registry, so one added later is
covered without touching this file.
"""

from __future__ import annotations

import ast
import contextlib
import threading
from pathlib import Path

import pytest

from integrations.errors import ConfigError
from integrations.registry import registry
from launcher_tui.runtime import Runtime, Target
from tests.framework.servers import RecordingServer
from tests.framework.test_credentials_stay_home import NOT_HTTP, _auth_choices, _config, _options
from tests.support.tasks import others_running
from tests.support.timeouts import REQUEST_TIMEOUT

INTEGRATIONS = sorted(i.id for i in registry.list() if i.id not in NOT_HTTP)
PACKAGE = Path(__file__).resolve().parents[2] / "integrations"


class FirstFailsRestWait:
    """A ``RecordingServer`` hold: the first request of a round goes through, later ones wait.

    The server answers 500, so the request let through fails the fetch at once while the held
    ones are still in flight. :meth:`next_round` answers the held ones and starts over.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._first_taken = False
        self._released = threading.Event()

    def __call__(self) -> None:
        with self._lock:
            first, self._first_taken = not self._first_taken, True
            released = self._released
        if not first:
            released.wait()

    def next_round(self) -> None:
        with self._lock:
            self._released.set()
            self._released = threading.Event()
            self._first_taken = False


@pytest.mark.parametrize("integration_id", INTEGRATIONS)
async def test_a_failed_request_leaves_no_sibling_running(integration_id: str) -> None:
    integration = registry.get(integration_id)
    config, _ = _config(integration, _auth_choices(integration.config_schema())[0])
    runtime = Runtime()
    hold = FirstFailsRestWait()
    with RecordingServer(status=500, hold=hold) as server:
        target = Target(
            "o", "Orphans", server.url, integration_id, config=config, timeout=REQUEST_TIMEOUT
        )
        try:
            outcome = await runtime.test_connection(target)
            assert outcome.error is not None, "the service failed the first request"
            assert others_running() == [], "test_connection left requests running"
            for endpoint in integration.endpoints:
                hold.next_round()
                options = _options(integration, endpoint.id)
                try:
                    integration.validate_options(endpoint.id, options)
                except ConfigError:
                    continue  # made-up options it refuses: no call
                with contextlib.suppress(Exception):  # it fails; what it leaves is checked
                    await runtime.fetch(target, endpoint.id, options, force=True)
                assert others_running() == [], f"{endpoint.id} left requests running"
        finally:
            hold.next_round()  # answer what is still held, so the server can stop
            await runtime.aclose()


def test_integrations_never_gather_without_cancelling() -> None:
    """The behaviour above needs a failing service to show it; this catches it in review.

    ``asyncio.gather`` in an integration must collect every result (``return_exceptions=True``)
    or be ``integrations.concurrency.all_of``, which cancels the rest on the first failure.
    """
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "concurrency.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "gather"
                and not any(
                    k.arg == "return_exceptions"
                    and isinstance(k.value, ast.Constant)
                    and k.value.value is True
                    for k in node.keywords
                )
            ):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert offenders == [], f"use integrations.concurrency.all_of: {offenders}"
