"""Reachability checks of app URLs: the status dots of the launcher and of the cards.

Like Homepage's status dots: every app with a URL and ``status_check`` on is asked once per
:data:`CHECK_INTERVAL` — one GET, no redirects followed, no credentials (a login in the URL is
stripped; the check never sends an app's secrets). Any HTTP answer below 500 means *up* (a 401
or a redirect to a login page is a service that answers); a 5xx, a timeout or a refused
connection means *down*. Apps bound to the ``http`` integration are left out: their integration
already checks the URL, and its answer is the dot.

One task per app, re-armed after each check completes, so a slow app never piles up requests.
No Textual here: results go to a plain callback on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import httpx

from integrations.tls import TLSOptions

log = logging.getLogger(__name__)

CHECK_INTERVAL = 60.0
"""Seconds between two checks of one app."""
CHECK_TIMEOUT = 8.0
UP, DOWN = "up", "down"


@dataclass(frozen=True)
class CheckTarget:
    """What one check needs: the app's id, its URL and whether to verify TLS."""

    app_id: int
    url: str
    verify_tls: bool = True


def without_login(url: str) -> str:
    """``url`` without ``user:password@`` (a status check carries no credentials)."""
    try:
        return str(httpx.URL(url).copy_with(userinfo=b""))
    except (httpx.InvalidURL, TypeError, ValueError):
        return url


def status_of(code: int) -> str:
    """An HTTP status code as up/down (below 500: the service answers)."""
    return UP if code < 500 else DOWN


async def check_once(client: httpx.AsyncClient, target: CheckTarget) -> str:
    """One GET of the app's URL (body not read); never raises."""
    try:
        async with client.stream("GET", without_login(target.url)) as response:
            return status_of(response.status_code)
    except (httpx.HTTPError, OSError, ValueError) as exc:
        log.debug("status check of app %s failed: %s", target.app_id, exc)
        return DOWN


class StatusChecker:
    """Keeps one periodic check per app (see the module docstring)."""

    def __init__(
        self,
        on_status: Callable[[int, str], None],
        *,
        interval: float = CHECK_INTERVAL,
        timeout: float = CHECK_TIMEOUT,
    ) -> None:
        self.on_status = on_status
        self.interval = interval
        self.timeout = timeout
        self._tasks: dict[int, tuple[CheckTarget, asyncio.Task[None]]] = {}
        self._clients: dict[bool, httpx.AsyncClient] = {}

    def _client(self, verify: bool) -> httpx.AsyncClient:
        client = self._clients.get(verify)
        if client is None:
            client = httpx.AsyncClient(
                # the process's shared context: httpx would parse the CA bundle again (~20 ms)
                verify=TLSOptions(verify=verify).httpx_verify(),
                follow_redirects=False,
                timeout=self.timeout,
                trust_env=False,
            )
            self._clients[verify] = client
        return client

    def sync(self, targets: Iterable[CheckTarget]) -> None:
        """Check exactly ``targets``: new or changed ones start now, gone ones stop."""
        wanted = {t.app_id: t for t in targets}
        for app_id in list(self._tasks):
            target, task = self._tasks[app_id]
            if wanted.get(app_id) != target:
                task.cancel()
                del self._tasks[app_id]
        for app_id, target in wanted.items():
            if app_id not in self._tasks:
                self._tasks[app_id] = (target, asyncio.ensure_future(self._run(target)))

    def forget(self, app_id: int) -> None:
        """Stop an app's check (edited or removed); the next :meth:`sync` checks it at once."""
        current = self._tasks.pop(app_id, None)
        if current is not None:
            current[1].cancel()

    async def _run(self, target: CheckTarget) -> None:
        while True:
            status = await check_once(self._client(target.verify_tls), target)
            try:
                self.on_status(target.app_id, status)
            except Exception:  # a broken listener must not end the checks
                log.exception("status listener failed")
            await asyncio.sleep(self.interval)

    async def aclose(self) -> None:
        """Stop every check and close the HTTP clients."""
        for _, task in self._tasks.values():
            task.cancel()
        for _, task in self._tasks.values():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = {}
        clients, self._clients = self._clients, {}
        for client in clients.values():
            await client.aclose()
