"""The benchmark's screen model reads the same screen however the bytes were split in reads."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _screen import Screen

FRAME = (
    "\x1b[?2026h\x1b[2;3Hhello \x1b[38;2;18;18;18mworld\x1b[0m"
    "\x1b]0;title\x07\x1b[3;1H╭─ 📺 Sonarr ─╮\x1b[?2026l"
).encode()


def test_every_split_of_a_frame_reads_the_same() -> None:
    whole = Screen(30, 4)
    whole.feed(FRAME)
    lines = whole.text().splitlines()
    assert lines[1].strip() == "hello world"
    assert lines[2].startswith("╭─ 📺") and "Sonarr ─╮" in lines[2]
    for cut in range(1, len(FRAME)):
        split = Screen(30, 4)
        split.feed(FRAME[:cut])
        split.feed(FRAME[cut:])
        assert split.text() == whole.text(), cut
