"""Just enough of a terminal to read what Textual drew: text cells at cursor positions.

Textual writes every changed line as "move the cursor (CSI row;col H), then styled text", so a
grid of characters plus cursor moves is all the benchmark needs to ask "is every card's title on
screen?" and "does every card say updated …?". Colours and other escape sequences are skipped;
wide characters (CJK, most emoji) take two cells. Not a terminal emulator: a reader for the
benchmark, so it needs no third-party package in CI.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_ESCAPE = re.compile(
    r"\x1b\[(?P<params>[0-9;?<=>]*)[ -/]*(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, ended by BEL or ST
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]"  # charset selection
    r"|\x1b[@-OQ-Z\\^_]"  # other two-byte escapes (not the CSI/OSC/DCS introducers)
)


def _width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """A ``width`` x ``height`` grid fed with the bytes written to the terminal."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.rows = [[" "] * width for _ in range(height)]
        self.x = 0
        self.y = 0
        self._pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)  # a character may span two reads
        # keep an unfinished escape sequence for the next chunk
        cut = text.rfind("\x1b")
        if cut != -1 and _ESCAPE.match(text, cut) is None and len(text) - cut < 64:
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        position = 0
        for match in _ESCAPE.finditer(text):
            self._text(text[position : match.start()])
            if match.group("final"):
                self._csi(match.group("params"), match.group("final"))
            position = match.end()
        self._text(text[position:])

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        if final in "Hf":
            row = numbers[0] if numbers else 1
            col = numbers[1] if len(numbers) > 1 else 1
            self.y, self.x = max(0, row - 1), max(0, col - 1)
        elif final == "G":
            self.x = max(0, (numbers[0] if numbers else 1) - 1)
        elif final == "J" and (numbers[:1] in ([2], [3])):
            self.rows = [[" "] * self.width for _ in range(self.height)]

    def _text(self, text: str) -> None:
        for char in text:
            if char == "\n":
                self.y += 1
            elif char == "\r":
                self.x = 0
            elif char < " ":
                continue
            else:
                width = _width(char)
                if width and 0 <= self.y < self.height and 0 <= self.x < self.width:
                    self.rows[self.y][self.x] = char
                    if width == 2 and self.x + 1 < self.width:
                        self.rows[self.y][self.x + 1] = ""
                self.x += width

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join("".join(row) for row in self.rows)
