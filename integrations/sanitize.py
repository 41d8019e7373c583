"""Make untrusted text safe to put on a terminal: the one place that decides what is "control".

A service's text (a torrent name, a container label, an error body) is data. Printed raw, its
``ESC ] 52`` writes the viewer's clipboard, ``ESC [ 2J`` clears the screen, a C1 ``CSI``
(U+009B) does the same on terminals that honour 8-bit controls, and a U+202E override makes a
name read backwards. Every such character is replaced here by a *visible* stand-in, so the
person still sees that something odd was there:

- ``ESC`` → ``␛``; the other C0 controls and ``DEL`` → their Control Pictures (``␀`` … ``␟``,
  ``␡``); a tab becomes one space (it is whitespace, just not a safe one to draw);
- C1 controls (U+0080 … U+009F), bidi embeddings/overrides/isolates/marks and the Unicode
  line/paragraph separators → ``⟨U+202E⟩``.

Pure ``str`` → ``str`` with a precomputed translation table (no Textual, no Rich), so the
integrations' models, the CLI and the logs all share it. ``--json`` output does not use it: JSON
escapes control characters itself and keeps the exact text.
"""

from __future__ import annotations

from collections.abc import Mapping

_ESC = 0x1B
_DEL = 0x7F
_BIDI = (
    0x061C,  # ARABIC LETTER MARK
    0x200E,  # LEFT-TO-RIGHT MARK
    0x200F,  # RIGHT-TO-LEFT MARK
    *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
    *range(0x2066, 0x206A),  # LRI RLI FSI PDI
)
_SEPARATORS = (0x2028, 0x2029)  # LINE / PARAGRAPH SEPARATOR: line breaks a terminal may honour


def _codepoint(code: int) -> str:
    return f"⟨U+{code:04X}⟩"


def _table(*, multiline: bool) -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
    table[_ESC] = "␛"
    table[_DEL] = "␡"
    table[ord("\t")] = " "
    for code in (*range(0x80, 0xA0), *_BIDI, *_SEPARATORS):
        table[code] = _codepoint(code)
    if multiline:
        del table[ord("\n")]
    return table


_SINGLE_LINE = _table(multiline=False)
_MULTILINE = _table(multiline=True)
_UNSAFE = frozenset(_SINGLE_LINE)


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with every terminal control and bidi override replaced by a visible stand-in.

    With ``multiline`` a ``\\n`` stays a line break (error messages and hints span lines; a
    ``\\r\\n`` becomes ``\\n`` first); otherwise it becomes ``␊`` — a list row or a label is one
    line, and a service must not be able to add lines to it. Idempotent.
    """
    if multiline and "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_MULTILINE if multiline else _SINGLE_LINE)


def is_clean(text: str, *, multiline: bool = False) -> bool:
    """Whether ``text`` holds nothing :func:`clean_text` would replace."""
    allowed = {ord("\n")} if multiline else set()
    return all(ord(ch) not in _UNSAFE or ord(ch) in allowed for ch in text)


def clean_value(value: object, *, multiline: bool = False) -> object:
    """:func:`clean_text` applied to every string inside ``value`` (dicts, lists, tuples).

    Keys of mappings are cleaned too; other values pass through unchanged. For structures that
    go to a human (log records, text tables), never for ``--json`` output.
    """
    if isinstance(value, str):
        return clean_text(value, multiline=multiline)
    if isinstance(value, Mapping):
        return {
            clean_value(k, multiline=multiline): clean_value(v, multiline=multiline)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(clean_value(v, multiline=multiline) for v in value)
    return value


__all__ = ["clean_text", "clean_value", "is_clean"]
