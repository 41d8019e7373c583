"""What a tmux pane shows, cell by cell: text plus the background colour of every character.

``tmux capture-pane -p`` gives the text only; ``-e`` adds the SGR escapes. The end-to-end test
needs the colours to see what a person sees and plain text cannot say: which field has the
focus and which option of an open picker is highlighted. Both are told *relatively* (the
focused input looks unlike its unfocused peers, a focused picker unlike the dialog behind it,
the highlighted option unlike its neighbour), so no theme colour is hard-coded here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

CSI = re.compile(r"\x1b\[([0-9;:]*)([A-Za-z])")


def _apply_sgr(params: str, state: dict[str, object]) -> None:
    """Update ``state`` (fg, bg, reverse) with one SGR sequence's parameters."""
    ps = params.replace(":", ";").split(";")
    i = 0
    while i < len(ps):
        n = int(ps[i] or 0)
        if n == 0:
            state.update(fg=None, bg=None, reverse=False)
        elif n == 7:
            state["reverse"] = True
        elif n == 27:
            state["reverse"] = False
        elif n in (38, 48):
            width = 3 if ps[i + 1 : i + 2] == ["5"] else 5
            state["fg" if n == 38 else "bg"] = ";".join(ps[i + 1 : i + width])
            i += width - 1
        elif n == 39:
            state["fg"] = None
        elif n == 49:
            state["bg"] = None
        elif 30 <= n <= 37 or 90 <= n <= 97:
            state["fg"] = str(n)
        elif 40 <= n <= 47 or 100 <= n <= 107:
            state["bg"] = str(n)
        i += 1


@dataclass(frozen=True)
class Screen:
    """Rows of text, and for each character of each row its background colour (a key)."""

    rows: list[str]
    backgrounds: list[list[str | None]]

    @classmethod
    def parse(cls, ansi: str) -> Screen:
        rows: list[str] = []
        backgrounds: list[list[str | None]] = []
        for line in ansi.split("\n"):
            state: dict[str, object] = {"fg": None, "bg": None, "reverse": False}
            text: list[str] = []
            bgs: list[str | None] = []
            pos = 0
            for match in [*CSI.finditer(line), None]:
                end = match.start() if match else len(line)
                colour = state["fg"] if state["reverse"] else state["bg"]
                for ch in line[pos:end]:
                    text.append(ch)
                    bgs.append(colour)  # type: ignore[arg-type]
                if match is None:
                    break
                pos = match.end()
                if match.group(2) == "m":
                    _apply_sgr(match.group(1), state)
            rows.append("".join(text))
            backgrounds.append(bgs)
        return cls(rows, backgrounds)

    @property
    def text(self) -> str:
        return "\n".join(self.rows)

    def find(self, needle: str) -> tuple[int, int] | None:
        """(row, column) of the first occurrence of ``needle``."""
        for r, row in enumerate(self.rows):
            c = row.find(needle)
            if c >= 0:
                return r, c
        return None

    def background(self, row: int, col: int, width: int = 30) -> str | None:
        """The most common background over ``width`` characters from ``col`` (a text cursor or
        a typed word inside a field does not change the answer)."""
        if not 0 <= row < len(self.backgrounds):
            return None
        cells = self.backgrounds[row][col : col + width]
        return Counter(cells).most_common(1)[0][0] if cells else None

    def find_label(self, label: str) -> tuple[int, int] | None:
        """(row, column) of a field label: the text followed by a run of blanks (so "URL" is not
        found inside a help sentence that mentions a URL)."""
        pattern = re.compile(rf"(?<![^\s│]){re.escape(label)}\s{{2,}}")
        for r, row in enumerate(self.rows):
            match = pattern.search(row)
            if match:
                return r, match.start()
        return None

    def field_background(self, label: str) -> str | None:
        """Background of the field drawn on the row under its label."""
        at = self.find_label(label)
        return self.background(at[0] + 1, at[1]) if at else None

    def field_text(self, label: str) -> str:
        """Text of the field under ``label`` (from the label's column)."""
        at = self.find_label(label)
        if at is None or at[0] + 1 >= len(self.rows):
            return ""
        return self.rows[at[0] + 1][at[1] :]

    def input_focused(self, label: str, peers: Iterable[str]) -> bool:
        """The input under ``label`` is focused: it looks unlike its (alike) unfocused peers."""
        mine = self.field_background(label)
        others = {self.field_background(p) for p in peers}
        return mine is not None and len(others) == 1 and None not in others and mine not in others

    def select_focused(self, label: str) -> bool:
        """A picker is focused when its row is shaded unlike the dialog around its label."""
        at = self.find_label(label)
        if at is None:
            return False
        return self.background(at[0] + 1, at[1]) != self.background(at[0], at[1])

    def highlighted(self, option: str) -> bool:
        """An open picker's option is highlighted: shaded unlike the option above it."""
        at = self.find(option)
        if at is None or at[0] == 0:
            return False
        return self.background(at[0], at[1]) != self.background(at[0] - 1, at[1])
