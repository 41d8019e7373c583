"""Transport failures name their real reason: certificates, TLS vs plain ports, unix sockets."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from integrations.client import HttpClient, TLSOptions
from integrations.errors import IntegrationError, TLSError, UnreachableError
from tests.framework.servers import https_loopback, self_signed_cert
from tests.support.loopback import LoopbackServer


async def _error(url: str, *, tls: TLSOptions | None = None, uds: str | None = None) -> Exception:
    http = HttpClient(url, integration="demo", tls=tls, uds=uds, timeout=5.0)
    try:
        await http.request("GET", "/api")
    except IntegrationError as exc:
        return exc
    finally:
        await http.aclose()
    raise AssertionError("the request succeeded")


async def test_an_expired_certificate_says_expired_not_ca_bundle(tmp_path: Path) -> None:
    cert, key = self_signed_cert(tmp_path, expired=True)
    with https_loopback(cert, key) as server:
        error = await _error(server.url, tls=TLSOptions(ca_bundle=str(cert)))
    assert isinstance(error, TLSError) and error.code == "tls_expired"
    assert "expired" in error.message
    assert "CA bundle" not in error.hint and "Renew" in error.hint


async def test_a_name_mismatch_says_which_name(tmp_path: Path) -> None:
    cert, key = self_signed_cert(tmp_path, dns_names=("nas.home.test",), ip=None)
    with https_loopback(cert, key) as server:
        error = await _error(server.url, tls=TLSOptions(ca_bundle=str(cert)))
    assert isinstance(error, TLSError) and error.code == "tls_name_mismatch"
    assert "127.0.0.1" in error.message  # OpenSSL's reason is kept
    assert "it is for nas.home.test" in error.message  # and the name to use instead
    assert "CA bundle" not in error.hint and "Use nas.home.test in the URL" in error.hint


async def test_an_untrusted_certificate_with_a_bundle_names_the_bundle(tmp_path: Path) -> None:
    cert, key = self_signed_cert(tmp_path)
    other, _ = self_signed_cert(tmp_path, stem="other-")
    with https_loopback(cert, key) as server:
        error = await _error(server.url, tls=TLSOptions(ca_bundle=str(other)))
    assert isinstance(error, TLSError) and error.code == "tls_untrusted"
    assert str(other) in error.hint  # not "give the CA bundle": one is given, the wrong one


async def test_plain_http_to_a_tls_port_says_use_https(tmp_path: Path) -> None:
    cert, key = self_signed_cert(tmp_path)
    with https_loopback(cert, key) as server:
        error = await _error(server.url.replace("https://", "http://"))
    assert isinstance(error, TLSError) and error.code == "tls_required"
    assert f"https://127.0.0.1:{server.port}" in error.message
    assert "https://" in error.hint


async def test_https_to_a_plain_port_says_use_http(loopback: LoopbackServer) -> None:
    error = await _error(loopback.url.replace("http://", "https://"))
    assert isinstance(error, TLSError) and error.code == "not_tls"
    assert "http://" in error.hint


async def test_a_hang_up_is_never_an_empty_reason() -> None:
    """A port that accepts and closes (not TLS either) still says what happened."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]

        def close_all() -> None:
            for _ in range(3):  # the request, its one retry, the TLS probe
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                conn.recv(65536)
                conn.close()

        threading.Thread(target=close_all, daemon=True).start()
        error = await _error(f"http://127.0.0.1:{port}")
    assert isinstance(error, UnreachableError) and error.code == "cannot_connect"
    assert not error.message.rstrip().endswith(":"), error.message
    assert "without sending a response" in error.message or "closed" in error.message


async def test_a_missing_socket_names_the_path(tmp_path: Path) -> None:
    path = str(tmp_path / "docker.sock")
    error = await _error("http://docker", uds=path)
    assert error.code == "socket_missing" and path in error.message
    assert "http://docker" not in error.message and "port" not in error.hint


async def test_a_stale_socket_file_names_the_path(tmp_path: Path) -> None:
    path = str(tmp_path / "stale.sock")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(path)  # bound, never listening: connect() is refused
        error = await _error("http://docker", uds=path)
    assert error.code == "socket_missing" and path in error.message


def test_a_socket_without_permission_names_the_path_and_the_fix(tmp_path: Path) -> None:
    """EACCES, as for a dashboard user outside the docker group (run as ``nobody`` when root)."""
    folder = tmp_path / "dock"
    folder.mkdir()
    folder.chmod(0o755)
    tmp_path.chmod(0o755)
    path = str(folder / "docker.sock")
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(1)
    os.chmod(path, 0o660)
    script = textwrap.dedent(
        f"""
        import asyncio, os
        from integrations.client import HttpClient

        async def main():
            http = HttpClient("http://docker", uds={path!r}, integration="docker")
            try:
                await http.request("GET", "/version")
            except Exception as exc:
                print(exc.code)
                print(exc.message)
                print(exc.hint)
            finally:
                await http.aclose()

        asyncio.run(HttpClient("http://x").aclose())  # imports done before dropping rights
        if os.geteuid() == 0:
            os.setgid(65534)
            os.setuid(65534)
        asyncio.run(main())
        """
    )
    try:
        if os.geteuid() != 0:
            os.chmod(path, 0o000)
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )
    finally:
        server.close()
    code, message, hint = [*done.stdout.splitlines(), "", "", ""][:3]
    assert code == "socket_denied", done.stdout + done.stderr
    assert path in message and "permission denied" in message
    assert "group" in hint and "proxy" in hint
