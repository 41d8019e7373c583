"""A real HTTP server on 127.0.0.1 with scripted routes, for offline integration tests.

Integrations are tested over a real socket (not by mocking httpx): routes answer with recorded or
documented response bodies, handlers can check credentials and change answers between calls, and
every request is recorded so a test can assert on what the integration actually sent.

    def test_queue(loopback):
        loopback.json("GET", "/api/v3/queue", {"records": []}, require_header=("X-Api-Key", "k"))
        ... integration pointed at loopback.url ...
        assert loopback.requests[-1].headers["X-Api-Key"] == "k"
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """A request as the server saw it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str) -> str | None:
        """Case-insensitive header lookup."""
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return None


@dataclass
class Response:
    """What a route answers; ``body`` may be bytes, str or anything JSON-serialisable."""

    status: int = 200
    body: Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if isinstance(self.body, bytes):
            data = self.body
        elif isinstance(self.body, str):
            data = self.body.encode()
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        else:
            data = json.dumps(self.body).encode()
            headers.setdefault("Content-Type", "application/json")
        return data, headers


Handler = Callable[[Request], Response]


class _Server(ThreadingHTTPServer):
    # a board's worth of connections may arrive at once: the default backlog (5) makes the
    # kernel drop some, and the client retries them a second later
    request_queue_size = 128


class LoopbackServer:
    """Threaded HTTP server on a free loopback port; see the module docstring."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query, keep_blank_values=True),
                    headers=dict(self.headers.items()),
                    body=body,
                )
                with server._lock:
                    server.requests.append(request)
                    handler = server.routes.get((self.command, parts.path)) or server.routes.get(
                        ("*", parts.path)
                    )
                response = handler(request) if handler else Response(404, {"error": "no route"})
                if response.delay:
                    time.sleep(response.delay)
                data, headers = response.encoded()
                try:
                    self.send_response(response.status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )  # a short poll: stop() waits for it, and every test using the server pays it

    # -- scripting ------------------------------------------------------------------------------

    def route(self, method: str, path: str, handler: Handler | Response) -> None:
        """Answer ``method path`` (method ``*`` for any) with a handler or a fixed response."""
        fixed = handler
        self.routes[(method.upper(), path)] = (
            handler if callable(handler) else (lambda _req: fixed)  # type: ignore[return-value]
        )

    def json(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        status: int = 200,
        require_header: tuple[str, str] | None = None,
        require_param: tuple[str, str] | None = None,
        denied: Response | None = None,
    ) -> None:
        """Answer with JSON; with ``require_*`` answer ``denied`` (401) when the check fails."""
        refusal = denied or Response(401, {"error": "Unauthorized"})

        def handler(request: Request) -> Response:
            if require_header and request.header(require_header[0]) != require_header[1]:
                return refusal
            if require_param and request.param(require_param[0]) != require_param[1]:
                return refusal
            return Response(status, body)

        self.route(method, path, handler)

    def clear(self) -> None:
        """Forget routes and recorded requests."""
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
