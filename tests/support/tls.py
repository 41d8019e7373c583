"""TLS for the threaded test servers, with each handshake in the thread serving its connection.

The usual recipe, ``server.socket = context.wrap_socket(server.socket, server_side=True)``, wraps
the *listening* socket: ``accept()`` then runs the whole TLS handshake inside ``serve_forever``,
blocking and with no deadline. One client that connects and sends nothing stops the server
accepting anyone else, and ``shutdown()``, which waits for that loop, never returns: the test
hangs until CI kills the run. Here the listener stays plain and every accepted connection is
wrapped in its own worker thread, with a deadline on the handshake.
"""

from __future__ import annotations

import socket
import ssl
from pathlib import Path
from socketserver import ThreadingMixIn

HANDSHAKE_TIMEOUT = 30.0
"""Seconds a connection may take to finish its TLS handshake (a worker thread waits, no one else)."""


def serve_tls(server: ThreadingMixIn, cert: Path, key: Path) -> None:
    """Make a threaded ``socketserver`` server (not yet serving) speak TLS as ``cert``.

    A connection whose handshake fails or stalls (wrong protocol, a client that rejected the
    certificate, a silent client) is closed by its worker thread; the accept loop never waits.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    serve_plain = server.finish_request  # type: ignore[attr-defined]

    def finish_request(request: socket.socket, client_address: tuple[str, int]) -> None:
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            connection = context.wrap_socket(request, server_side=True)
        except OSError:  # ssl.SSLError and TimeoutError included: nothing to serve
            request.close()
            return
        with connection:
            connection.settimeout(None)  # after the handshake, as a plain server would wait
            serve_plain(connection, client_address)

    server.finish_request = finish_request  # type: ignore[attr-defined]
