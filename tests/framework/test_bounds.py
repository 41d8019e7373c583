"""Bounded resources: the size cap holds on decoded bytes, and every call has one deadline."""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib

import pytest

from integrations.client import HttpClient
from integrations.errors import BadResponseError, TimeoutError_
from launcher_tui.runtime import Runtime, Target
from tests.framework.servers import raw_server
from tests.support.loopback import LoopbackServer, Response

CAP = 1024 * 1024
ZEROS = 48 * 1024 * 1024  # 48x the cap once decoded, ~48 KB on the wire


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data, 9)
    if encoding == "deflate":
        return zlib.compress(data, 9)
    raw = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)  # "deflate" as IIS sent it
    return raw.compress(data) + raw.flush()


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    zeros = b"\0" * ZEROS
    return {name: _compress(zeros, name) for name in ("gzip", "deflate", "raw-deflate")}


async def _get(url: str, path: str = "/", *, cap: int = CAP, timeout: float = 10.0) -> bytes:
    http = HttpClient(url, integration="demo", max_bytes=cap, timeout=timeout)
    try:
        return (await http.request("GET", path)).content
    finally:
        await http.aclose()


@pytest.mark.parametrize("name", ["gzip", "deflate", "raw-deflate"])
async def test_the_cap_holds_on_decoded_bytes_while_decoding(
    loopback: LoopbackServer, bombs: dict[str, bytes], name: str
) -> None:
    encoding = "deflate" if name == "raw-deflate" else name
    loopback.route("GET", "/", Response(200, bombs[name], {"Content-Encoding": encoding}))
    http = HttpClient(loopback.url, integration="demo", max_bytes=CAP)  # TLS contexts etc.
    tracemalloc.start()
    try:
        with pytest.raises(BadResponseError, match="larger than 1024 KiB") as info:
            await http.request("GET", "/")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        await http.aclose()
    assert info.value.code == "too_large"
    # the decoded 48 MiB never existed: memory stays within a little of the cap
    assert peak < CAP + 2 * 1024 * 1024, f"peak {peak // 1024} KiB"


@pytest.mark.parametrize("name", ["gzip", "deflate", "raw-deflate"])
async def test_encoded_bodies_within_the_cap_decode(loopback: LoopbackServer, name: str) -> None:
    encoding = "deflate" if name == "raw-deflate" else name
    body = b'{"ok": true, "pad": "' + b"y" * 200_000 + b'"}'
    loopback.route("GET", "/", Response(200, _compress(body, name), {"Content-Encoding": encoding}))
    assert await _get(loopback.url) == body
    assert loopback.requests[-1].header("Accept-Encoding") == "gzip, deflate"


@pytest.mark.parametrize("header", ["gzip, gzip", "deflate, gzip", "br", "zstd", "compress"])
async def test_stacked_or_unadvertised_encodings_are_refused(
    loopback: LoopbackServer, header: str
) -> None:
    body = gzip.compress(gzip.compress(b"\0" * ZEROS))  # what the 1.8 KB bomb looks like
    loopback.route("GET", "/", Response(200, body, {"Content-Encoding": header}))
    with pytest.raises(BadResponseError, match="encoding") as info:
        await _get(loopback.url)
    assert header.split(",")[0] in info.value.message


async def test_identity_layers_do_not_count_as_stacking(loopback: LoopbackServer) -> None:
    body = gzip.compress(b'{"n": 1}')
    loopback.route("GET", "/", Response(200, body, {"Content-Encoding": "identity, gzip"}))
    assert await _get(loopback.url) == b'{"n": 1}'


@pytest.mark.parametrize("stage", ["headers", "body"])
async def test_a_trickling_service_ends_at_the_total_deadline(stage: str) -> None:
    """One byte every 50 ms never trips a per-read timeout; the call's deadline still holds."""
    sent = 0

    async def trickle(writer: asyncio.StreamWriter) -> None:
        nonlocal sent
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 400\r\n"
        body = b"z" * 400
        if stage == "body":
            writer.write(head + b"\r\n")
            data = body
        else:
            data = head + b"X-Pad: " + b"p" * 300 + b"\r\n\r\n" + body
        for byte in data:
            writer.write(bytes([byte]))
            await writer.drain()
            sent += 1
            await asyncio.sleep(0.05)  # the service's pace (20 s in all), not a test wait

    async with raw_server(trickle) as url:
        with pytest.raises(TimeoutError_, match=r"within 0\.5 s"):
            await _get(url, "/slow", timeout=0.5)
    assert sent < 400  # it gave up long before the service finished


async def test_nut_has_one_deadline_too() -> None:
    """upsd's line protocol (not HTTP): a server trickling one LIST line at a time still ends."""
    lines = 0

    async def upsd(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal lines
        try:
            await reader.readline()
            writer.write(b"BEGIN LIST UPS\n")
            for n in range(100):  # 20 s in all, each line well within any per-line timeout
                writer.write(f'UPS ups{n} "UPS {n}"\n'.encode())
                await writer.drain()
                lines += 1
                await asyncio.sleep(0.2)
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(upsd, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    runtime = Runtime()
    try:
        outcome = await runtime.test_connection(
            Target("n", "UPS", f"nut://127.0.0.1:{port}", "nut", timeout=1.0)
        )
    finally:
        await runtime.aclose()
        server.close()
    assert outcome.error is not None and outcome.error.code == "timeout", outcome
    assert "within 1 s" in outcome.error.message
    assert lines < 100
