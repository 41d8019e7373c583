"""HttpClient over real sockets: timeouts, size caps, TLS, redirects and error mapping."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from integrations.client import HttpClient, TLSOptions
from integrations.errors import (
    AuthError,
    BadResponseError,
    BadStatusError,
    ConfigError,
    TimeoutError_,
    TLSError,
    UnreachableError,
)
from tests.framework.servers import https_loopback, raw_server, self_signed_cert
from tests.support.loopback import LoopbackServer, Response


@pytest.fixture
async def client(loopback: LoopbackServer) -> AsyncIterator[HttpClient]:
    http = HttpClient(loopback.url, integration="demo", max_bytes=1024)
    yield http
    await http.aclose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_json_round_trip(client: HttpClient, loopback: LoopbackServer) -> None:
    loopback.json("GET", "/api", {"ok": True})
    assert await client.get_json("/api") == {"ok": True}
    assert loopback.requests[-1].header("User-Agent").startswith("launcher-tui/")


async def test_per_call_timeout(client: HttpClient, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/slow", Response(200, "late", delay=1.0))
    with pytest.raises(TimeoutError_, match=r"within 0\.2 s") as info:
        await client.request("GET", "/slow", timeout=0.2)
    assert info.value.code == "timeout" and info.value.integration == "demo"


async def test_client_default_timeout(loopback: LoopbackServer) -> None:
    loopback.route("GET", "/slow", Response(200, "late", delay=1.0))
    http = HttpClient(loopback.url, timeout=0.2)
    try:
        with pytest.raises(TimeoutError_):
            await http.request("GET", "/slow")
    finally:
        await http.aclose()


async def test_body_over_the_cap_is_refused(client: HttpClient, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/big", Response(200, b"x" * 5000))
    with pytest.raises(BadResponseError, match="larger than 1 KiB"):
        await client.request("GET", "/big")
    loopback.route("GET", "/small", Response(200, b"x" * 1000))
    assert len((await client.request("GET", "/small")).content) == 1000


@pytest.mark.parametrize("framing", ["chunked", "until-close"])
async def test_cap_holds_without_content_length(framing: str) -> None:
    """A stream with no Content-Length (chunked, or read until close) is cut at the cap too."""
    sent = 0

    async def handler(writer: asyncio.StreamWriter) -> None:
        nonlocal sent
        if framing == "chunked":
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        else:
            writer.write(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
        chunk = b"y" * 4096
        for _ in range(2048):  # up to 8 MiB: far more than the cap, never all read
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if framing == "chunked" else chunk)
            sent += len(chunk)
            await writer.drain()
        if framing == "chunked":
            writer.write(b"0\r\n\r\n")

    async with raw_server(handler) as url:
        http = HttpClient(url, max_bytes=64 * 1024)
        try:
            with pytest.raises(BadResponseError, match="larger than 64 KiB"):
                await http.request("GET", "/stream")
        finally:
            await http.aclose()
    assert sent < 8 * 1024 * 1024  # the client stopped reading early


async def test_tls_is_verified_by_default(tmp_path: Path) -> None:
    cert, key = self_signed_cert(tmp_path)
    with https_loopback(cert, key) as server:
        server.json("GET", "/api", {"secure": True})
        strict = HttpClient(server.url, integration="demo")
        try:
            with pytest.raises(TLSError) as info:
                await strict.get_json("/api")
            assert info.value.code == "tls_untrusted"
            assert "CA bundle" in info.value.hint  # none is configured: suggest one
        finally:
            await strict.aclose()

        for tls in (TLSOptions(verify=False), TLSOptions(ca_bundle=str(cert))):
            http = HttpClient(server.url, tls=tls)
            try:
                assert await http.get_json("/api") == {"secure": True}
            finally:
                await http.aclose()


async def test_plain_http_client_reads_the_cas_only_for_tls(
    tmp_path: Path, loopback: LoopbackServer
) -> None:
    """An http:// client does not parse the CA bundle up front, yet still verifies TLS."""
    import ssl

    from integrations import tls

    tls.deferred_default_context.cache_clear()  # a fresh one: nothing loaded by other tests
    loopback.json("GET", "/api", {"plain": True})
    cert, key = self_signed_cert(tmp_path)
    with https_loopback(cert, key) as server:
        server.json("GET", "/api", {"secure": True})
        http = HttpClient(loopback.url, integration="demo")
        try:
            context = tls.deferred_default_context()
            assert context is not tls.default_context()
            assert await http.get_json("/api") == {"plain": True}
            assert context.cert_store_stats()["x509_ca"] == 0  # plain HTTP: never read
            with pytest.raises(TLSError) as info:  # an https:// URL from it is still verified
                await http.get_json(f"{server.url}/api")
            assert info.value.code == "tls_untrusted"
            assert context.cert_store_stats()["x509_ca"] > 0
        finally:
            await http.aclose()
    eager = tls.default_context()
    for name in ("protocol", "verify_mode", "check_hostname", "verify_flags", "options"):
        assert getattr(context, name) == getattr(eager, name), name
    assert (context.minimum_version, context.maximum_version) == (
        eager.minimum_version,
        eager.maximum_version,
    )
    assert context.cert_store_stats() == eager.cert_store_stats()
    assert isinstance(context, ssl.SSLContext)
    assert TLSOptions().httpx_verify(plain_http=True) is context
    assert TLSOptions().httpx_verify() is eager  # https:// clients: loaded once, shared


def test_unreadable_ca_bundle_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="CA bundle"):
        HttpClient("https://127.0.0.1", tls=TLSOptions(ca_bundle=str(tmp_path / "missing.pem")))


async def test_redirects_are_followed_but_bounded(
    client: HttpClient, loopback: LoopbackServer
) -> None:
    loopback.route("GET", "/old", Response(301, b"", headers={"Location": "/new"}))
    loopback.json("GET", "/new", {"moved": True})
    assert await client.get_json("/old") == {"moved": True}
    loopback.route("GET", "/loop", Response(302, b"", headers={"Location": "/loop"}))
    with pytest.raises(BadResponseError, match="too many redirects"):
        await client.request("GET", "/loop")
    assert 2 <= len(loopback.requests_to("/loop")) <= 7  # bounded, not endless


@pytest.mark.parametrize("status", [401, 403])
async def test_refusals_are_auth_errors(
    client: HttpClient, loopback: LoopbackServer, status: int
) -> None:
    loopback.json("GET", "/api", {"error": "no"}, status=status)
    with pytest.raises(AuthError, match=f"HTTP {status}"):
        await client.request("GET", "/api")
    # callers that expect the status (a login probe) can accept it
    assert (await client.request("GET", "/api", ok_statuses=[status])).status_code == status


async def test_server_error_keeps_its_status(client: HttpClient, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/api", Response(500, "Internal Server Error: database is locked"))
    with pytest.raises(BadStatusError) as info:
        await client.request("GET", "/api")
    assert info.value.status_code == 500
    assert info.value.to_dict()["status_code"] == "500"
    assert "database is locked" in info.value.message


async def test_html_instead_of_json(client: HttpClient, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/api", Response(200, "<!DOCTYPE html><html><body>Login</body></html>"))
    with pytest.raises(BadResponseError, match="HTML page"):
        await client.get_json("/api", what="the status")


async def test_connection_refused_is_unreachable() -> None:
    http = HttpClient(f"http://127.0.0.1:{free_port()}", integration="demo")
    try:
        with pytest.raises(UnreachableError) as info:
            await http.request("GET", "/")
        assert info.value.code == "cannot_connect"
    finally:
        await http.aclose()


@pytest.mark.parametrize("url", ["ftp://example.invalid", "http://", "not a url at all"])
async def test_invalid_url_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError):
        http = HttpClient(url)
        try:
            await http.request("GET", "/x")
        finally:
            await http.aclose()


def test_ssl_contexts_are_shared_and_a_changed_bundle_is_reread(tmp_path) -> None:
    """Parsing CA bundles per client froze the dashboard at start (see BENCHMARKS.md)."""
    import os
    import shutil

    import certifi

    from integrations.errors import ConfigError

    assert TLSOptions().httpx_verify() is TLSOptions().httpx_verify()
    assert TLSOptions(verify=False).httpx_verify() is False
    bundle = tmp_path / "ca.pem"
    shutil.copy(certifi.where(), bundle)
    first = TLSOptions(ca_bundle=str(bundle)).httpx_verify()
    assert TLSOptions(ca_bundle=str(bundle)).httpx_verify() is first
    stat = bundle.stat()
    os.utime(bundle, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert TLSOptions(ca_bundle=str(bundle)).httpx_verify() is not first
    with pytest.raises(ConfigError, match="Cannot read the CA bundle"):
        TLSOptions(ca_bundle=str(tmp_path / "missing.pem")).httpx_verify()
