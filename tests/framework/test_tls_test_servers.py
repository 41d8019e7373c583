"""The suite's own HTTPS servers keep serving while one client connects and stays silent.

CI once hung for its whole 90 minutes in ``test_credentials_stay_home``: the test HTTPS servers
ran each TLS handshake inside their accept loop, so one connection that never finished its
handshake blocked every later connection and the ``shutdown()`` at the end of the test. A
silent client stands in for that connection here; on the old servers the request times out.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.framework.servers import RecordingServer, https_loopback, self_signed_cert
from tests.support.loopback import LoopbackServer, Response

SILENT_CLIENT_GRACE = 10.0
"""Seconds the real request may take: far above a loopback request, far below the 30 s handshake
deadline the silent client is given (so a server that waits on it fails this test)."""


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed_cert(tmp_path_factory.mktemp("tls"))


def _recording(cert: tuple[Path, Path]) -> RecordingServer:
    return RecordingServer(tls=cert)


def _loopback(cert: tuple[Path, Path]) -> LoopbackServer:
    server = https_loopback(*cert)
    server.route("GET", "/", Response(200, {}))
    return server


@pytest.mark.parametrize("make", [_recording, _loopback], ids=["recording", "loopback"])
def test_a_silent_client_does_not_stall_an_https_test_server(
    certificate: tuple[Path, Path],
    make: Callable[[tuple[Path, Path]], RecordingServer | LoopbackServer],
) -> None:
    server = make(certificate)
    trust = ssl.create_default_context(cafile=str(certificate[0]))
    with server:
        with closing(
            socket.create_connection(("127.0.0.1", server.port))
        ):  # connects, says nothing
            response = httpx.get(server.url + "/", verify=trust, timeout=SILENT_CLIENT_GRACE)
        assert response.status_code == 200
    # leaving the block ran shutdown(): it returned, so the accept loop was free
