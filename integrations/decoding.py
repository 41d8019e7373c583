"""Content decoding with the size cap applied to decoded bytes, while decoding.

httpx decodes a whole network chunk at once and only then could a caller count it: 1.8 KB of
``Content-Encoding: gzip, gzip`` is 2 GB after one chunk. Here the client reads the raw bytes and
decodes them itself, asking zlib for at most the bytes still allowed, so memory never grows past
the cap whatever the compression ratio. Stacked encodings (``gzip, gzip``) are refused: no real
API sends them, and each layer would multiply the ratio. Only what the client advertises in
``Accept-Encoding`` is accepted.
"""

from __future__ import annotations

import zlib

ACCEPT_ENCODING = "gzip, deflate"
"""What the client asks for: encodings this module decodes with a bound."""


class DecodeRefused(Exception):
    """The body cannot be decoded within the rules (unknown or stacked encoding, corrupt data)."""


class TooLarge(Exception):
    """The decoded body is larger than the cap."""


def _layers(content_encoding: str) -> list[str]:
    return [
        part.strip().lower()
        for part in content_encoding.split(",")
        if part.strip() and part.strip().lower() != "identity"
    ]


class BoundedDecoder:
    """Decode one response body incrementally; :meth:`feed` raises :class:`TooLarge` past ``limit``."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        layers = _layers(content_encoding)
        if len(layers) > 1:
            raise DecodeRefused(f"stacked content encodings ({content_encoding}) are refused")
        self.encoding = layers[0] if layers else ""
        if self.encoding not in ("", "gzip", "x-gzip", "deflate"):
            raise DecodeRefused(f"unsupported content encoding {self.encoding!r}")
        self.limit = limit
        self.size = 0
        self._zlib = self._decompressor()
        self._first = True

    def _decompressor(self, raw_deflate: bool = False) -> zlib._Decompress | None:
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.encoding == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return None

    def _take(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge
        return data

    def feed(self, chunk: bytes) -> bytes:
        """Decoded bytes of ``chunk``; never more than the cap allows (+1 to detect overflow)."""
        if self._zlib is None:
            return self._take(chunk)
        budget = self.limit - self.size + 1
        try:
            out = self._zlib.decompress(chunk, budget)
        except zlib.error as exc:
            if self.encoding == "deflate" and self._first:
                # "deflate" is sent both zlib-wrapped (as specified) and raw (as IIS did)
                self._zlib = self._decompressor(raw_deflate=True)
                self._first = False
                return self.feed(chunk)
            raise DecodeRefused(f"corrupt {self.encoding} data: {exc}") from exc
        self._first = False
        if len(out) >= budget or self._zlib.unconsumed_tail:
            raise TooLarge
        return self._take(out)

    def flush(self) -> bytes:
        """The last decoded bytes at the end of the body."""
        if self._zlib is None:
            return b""
        try:
            return self._take(self._zlib.flush())
        except zlib.error as exc:
            raise DecodeRefused(f"corrupt {self.encoding} data: {exc}") from exc


__all__ = ["ACCEPT_ENCODING", "BoundedDecoder", "DecodeRefused", "TooLarge"]
