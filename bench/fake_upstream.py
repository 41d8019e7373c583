"""A loopback stand-in for Homepage's benchmark services: JSON APIs with their real shapes.

One threaded HTTP server answers, under a prefix per service instance:

* ``/json/<n>/stats`` — a generic JSON API (``{"data": {"users": …, "load": …, …}}``);
* ``/sonarr/…`` and ``/radarr/…`` — the *arr v3 API paths the dashboard reads
  (``/api/v3/wanted/missing``, ``/queue/status``, ``/series`` or ``/movie``, ``/queue``,
  ``/health``), shaped like Sonarr/Radarr's answers (paged records, queue status counters);
* ``/pihole/admin/api.php`` — Pi-hole's ``summaryRaw`` JSON (read through the custom API
  integration, as Homepage users do for services without a widget);
* ``/site/<n>/`` — an HTML page for HTTP checks.

Every request is counted per path and query (``counts``), and every answer waits ``latency`` seconds first
(on its own thread, as a real slow service would). With ``changing=True`` the numbers move on
every request (a live service); with ``changing=False`` every answer is identical (a quiet one),
which is what "CPU when no data changes" is measured against.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a board opens ~20 connections at once (see BENCHMARKS finding 2)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the dashboard quitting mid-request resets connections: not news


def _queue_records(n: int, tick: int, media: str) -> dict[str, Any]:
    records = []
    for i in range(n):
        size = 4_000_000_000
        left = max(0, size - (tick * 50_000_000 + i * 700_000_000) % size)
        records.append(
            {
                "id": 100 + i,
                "title": f"{media} {i + 1} 1080p WEB-DL",
                "size": size,
                "sizeleft": left,
                "timeleft": "00:12:30",
                "status": "downloading",
                "trackedDownloadStatus": "ok",
                "trackedDownloadState": "downloading",
            }
        )
    return {"page": 1, "pageSize": 50, "totalRecords": n, "records": records}


class FakeUpstream:
    """The server (see the module docstring); use as a context manager or start()/stop()."""

    def __init__(self, *, latency: float = 0.2, changing: bool = True) -> None:
        self.latency = latency
        self.changing = changing
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._ticks: Counter[str] = Counter()
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                tick = upstream._count(self.path)  # counted with the query: one key each
                if upstream.latency:
                    time.sleep(upstream.latency)
                status, body, ctype = upstream.answer(path, tick)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_HEAD = do_GET

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def _count(self, path: str) -> int:
        with self._lock:
            self.counts[path] += 1
            self._ticks[path] += 1
            return self._ticks[path] if self.changing else 0

    def snapshot(self) -> Counter[str]:
        """A copy of the per-path request counters."""
        with self._lock:
            return Counter(self.counts)

    # -- answers --------------------------------------------------------------------------------

    def answer(self, path: str, tick: int) -> tuple[int, bytes, str]:
        """Status, body and content type for ``path`` at its ``tick``-th request."""
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["site"]:
            return 200, b"<html><body><h1>It works</h1></body></html>", "text/html"
        data = self._json(parts, tick)
        if data is None:
            return 404, b'{"error": "not found"}', "application/json"
        return 200, json.dumps(data).encode(), "application/json"

    def _json(self, parts: list[str], tick: int) -> Any:
        if parts[:1] == ["json"] and len(parts) >= 3:
            n = int(parts[1])
            return {
                "data": {
                    "users": 40 + n + tick,
                    "load": round(10 + (n * 7 + tick * 3) % 80 + 0.5, 1),
                    "requests": 1000 * n + tick * 17,
                    "status": "ok",
                }
            }
        if parts[:3] == ["pihole", "admin", "api.php"]:
            queries = 25_000 + tick * 13
            blocked = 4_000 + tick * 3
            return {
                "domains_being_blocked": 121_860,
                "dns_queries_today": queries,
                "ads_blocked_today": blocked,
                "ads_percentage_today": round(100 * blocked / queries, 1),
                "unique_clients": 14,
                "status": "enabled",
            }
        if parts[:1] in (["sonarr"], ["radarr"]) and parts[1:3] == ["api", "v3"]:
            return self._arr(parts[0], parts[3:], tick)
        return None

    def _arr(self, service: str, rest: list[str], tick: int) -> Any:
        media = "Series" if service == "sonarr" else "Movie"
        queued = 3 + tick % 3
        if rest == ["system", "status"]:
            return {"appName": service.capitalize(), "instanceName": service, "version": "4.0.9"}
        if rest == ["wanted", "missing"]:
            return {"page": 1, "pageSize": 1, "totalRecords": 12 + tick % 5, "records": []}
        if rest == ["queue", "status"]:
            return {"totalCount": queued, "count": queued, "errors": False, "warnings": False}
        if rest in (["series"], ["movie"]):
            return [{"id": i, "title": f"{media} {i}", "monitored": True} for i in range(240)]
        if rest == ["queue"]:
            return _queue_records(queued, tick, media)
        if rest == ["health"]:
            return []
        if rest == ["calendar"]:
            return []
        return None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FakeUpstream:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeUpstream:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
