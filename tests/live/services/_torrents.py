"""Locally made torrents for the BitTorrent clients (transmission, qbittorrent, deluge).

Why: a dashboard needs a torrent list with one seeding and one stalled/downloading item, and no
test may reach a tracker or the DHT. These torrents are private (no DHT/PEX) and have no
announce URL; the payload of the first is written to disk so the client verifies it and seeds,
the second has no data so it sits at 0 % waiting for peers that never come.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

SEEDING_NAME = "seeding-distro.iso"
STALLED_NAME = "stalled-missing.iso"


def bencode(value: int | str | bytes | list | dict) -> bytes:
    """Minimal bencoding (ints, strings, lists, dicts with sorted keys)."""
    if isinstance(value, bool):
        raise TypeError("bool is not bencodable")
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(f"cannot bencode {type(value).__name__}")


@dataclass(frozen=True)
class LocalTorrent:
    name: str
    metainfo: bytes  # the .torrent file content
    infohash: str  # hex sha1 of the bencoded info dict
    save_dir: Path  # the download dir to add it with (holds the payload when seeding)
    size: int


def make_torrent(
    save_dir: Path, name: str, *, with_data: bool, size: int = 256 * 1024, piece: int = 16384
) -> LocalTorrent:
    """Build a single-file private torrent; write its payload to ``save_dir`` if ``with_data``."""
    payload = random.Random(name).randbytes(size)  # deterministic per name, so hashes are stable
    save_dir.mkdir(parents=True, exist_ok=True)
    if with_data:
        (save_dir / name).write_bytes(payload)
    pieces = b"".join(hashlib.sha1(payload[i : i + piece]).digest() for i in range(0, size, piece))
    info = {"name": name, "length": size, "piece length": piece, "pieces": pieces, "private": 1}
    meta = {"info": info, "created by": "launcher-tui tests", "creation date": 1700000000}
    return LocalTorrent(
        name=name,
        metainfo=bencode(meta),
        infohash=hashlib.sha1(bencode(info)).hexdigest(),
        save_dir=save_dir,
        size=size,
    )


def seeding_and_stalled(tmpdir: Path) -> tuple[LocalTorrent, LocalTorrent]:
    """The two torrents every client gets: one complete (seeds), one without data (stalled)."""
    seeding = make_torrent(tmpdir / "seed", SEEDING_NAME, with_data=True)
    stalled = make_torrent(tmpdir / "nodata", STALLED_NAME, with_data=False)
    return seeding, stalled


def torrent_extra(seeding: LocalTorrent, stalled: LocalTorrent) -> dict[str, str | int]:
    """The ``extra`` keys the three torrent services share."""
    return {
        "seeding_torrent": seeding.name,
        "seeding_hash": seeding.infohash,
        "stalled_torrent": stalled.name,
        "stalled_hash": stalled.infohash,
        "torrent_size": seeding.size,
    }
