"""Servers the loopback fixture cannot play: raw HTTP (chunked, no length), HTTPS, and a
recording catch-all server (the "other origin" of redirect tests)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.loopback import LoopbackServer
from tests.support.tls import serve_tls

RawHandler = Callable[[asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def raw_server(handler: RawHandler) -> AsyncIterator[str]:
    """An asyncio server on 127.0.0.1 that reads a request head and lets ``handler`` answer."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            await handler(writer)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


def self_signed_cert(
    directory: Path,
    *,
    dns_names: tuple[str, ...] = (),
    ip: str | None = "127.0.0.1",
    expired: bool = False,
    stem: str = "",
) -> tuple[Path, Path]:
    """A fresh self-signed certificate (cert.pem, key.pem), by default for 127.0.0.1.

    ``dns_names``/``ip`` are its subject alternative names; ``expired`` makes one whose validity
    ended yesterday; ``stem`` prefixes the file names (several certificates in one directory).
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "launcher-tui test")])
    now = dt.datetime.now(dt.UTC)
    start, end = (
        (now - dt.timedelta(days=3), now - dt.timedelta(days=1))
        if expired
        else (
            now - dt.timedelta(minutes=5),
            now + dt.timedelta(days=1),
        )
    )
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in dns_names]
    if ip:
        names.append(x509.IPAddress(ipaddress.ip_address(ip)))
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{stem}cert.pem", directory / f"{stem}key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def https_loopback(cert: Path, key: Path) -> LoopbackServer:
    """A loopback server speaking TLS with the given certificate (not started)."""
    server = LoopbackServer()
    serve_tls(server._server, cert, key)  # before serving starts
    server.url = f"https://127.0.0.1:{server.port}"
    return server


@dataclass
class Seen:
    """One request as a recording server saw it (raw request target, headers and body)."""

    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes

    def text(self) -> str:
        """Everything the request carried, as one string to search for secrets."""
        lines = [f"{self.method} {self.target}", *(f"{k}: {v}" for k, v in self.headers)]
        return "\n".join(lines) + "\n" + self.body.decode("latin-1")


class RecordingServer:
    """A threaded HTTP(S) server on 127.0.0.1 answering every request with one fixed response.

    Records what it received (:attr:`seen`). Used as "the other origin" a redirect points at, and,
    with ``redirect_to``, as the service that redirects there.
    """

    def __init__(
        self,
        *,
        status: int = 200,
        body: bytes = b"{}",
        redirect_to: str | None = None,
        tls: tuple[Path, Path] | None = None,
        hold: Callable[[], None] | None = None,
    ) -> None:
        """``hold``, when given, is called in each request's thread before it is answered."""
        self.seen: list[Seen] = []
        lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else b""
                with lock:
                    owner.seen.append(
                        Seen(self.command, self.path, list(self.headers.items()), data)
                    )
                if hold is not None:
                    hold()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._answer()  # unless the client gave up or cancelled the request

            def _answer(self) -> None:
                self.send_response(status)
                if redirect_to is not None:
                    self.send_header("Location", redirect_to + "?rd=" + quote(self.path, safe=""))
                    payload = b""
                else:
                    self.send_header("Content-Type", "application/json")
                    payload = body
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        scheme = "http"
        if tls is not None:
            serve_tls(self._server, *tls)
            scheme = "https"
        self.port = self._server.server_address[1]
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> RecordingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
