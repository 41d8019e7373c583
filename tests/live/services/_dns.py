"""A minimal UDP DNS client, so the DNS servers' statistics (PowerDNS, BIND) have queries in them.

Why not dnspython: one A query is 20 lines of stdlib, and the test suite gains no dependency.
"""

from __future__ import annotations

import secrets
import socket
import struct

NOERROR, NXDOMAIN, REFUSED = 0, 3, 5


def query(port: int, name: str, *, host: str = "127.0.0.1", timeout: float = 5.0) -> int:
    """Send one ``A`` query for ``name`` to ``host:port`` over UDP; return the answer's RCODE."""
    qid = secrets.randbelow(65536)
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.strip(".").split("."))
    packet = (
        struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + labels + b"\0" + struct.pack("!HH", 1, 1)
    )
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sock.sendto(packet, (host, port))
        while True:
            data, _ = sock.recvfrom(4096)
            answer_id, flags = struct.unpack("!HH", data[:4])
            if answer_id == qid:
                return flags & 0xF
