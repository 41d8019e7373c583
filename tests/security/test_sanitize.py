"""The sanitizer replaces every terminal control and bidi override with a visible stand-in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integrations.sanitize import clean_text, clean_value, is_clean

UNSAFE = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))] + [
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u2028",
    "\u2029",
]


def _has_unsafe(text: str, multiline: bool = False) -> bool:
    return any(ch in text for ch in UNSAFE if not (multiline and ch == "\n"))


def test_escape_sequences_become_visible() -> None:
    assert clean_text("\x1b]52;c;x\x07\x1b[2J") == "␛]52;c;x␇␛[2J"
    assert clean_text("a\u202eb") == "a⟨U+202E⟩b"
    assert clean_text("G\u009b31m") == "G⟨U+009B⟩31m"
    assert clean_text("J\x00K\x7f") == "J␀K␡"
    assert clean_text("a\tb") == "a b"


def test_newlines_kept_only_in_multiline_text() -> None:
    assert clean_text("one\ntwo") == "one␊two"
    assert clean_text("one\r\ntwo\rthree", multiline=True) == "one\ntwo␍three"


def test_ordinary_text_is_unchanged() -> None:
    text = "Movie (2024) [1080p] — 4.2 GiB · ½ ✓ 日本語 café"
    assert clean_text(text) == text
    assert is_clean(text)


@given(st.text())
def test_no_unsafe_character_survives(text: str) -> None:
    cleaned = clean_text(text)
    assert not _has_unsafe(cleaned)
    assert is_clean(cleaned)
    assert clean_text(cleaned) == cleaned  # idempotent
    multi = clean_text(text, multiline=True)
    assert not _has_unsafe(multi, multiline=True)


def test_nested_values_are_cleaned() -> None:
    assert clean_value({"\x1bk": ["a\x1b", ("b\x9b", 3)]}) == {"␛k": ["a␛", ("b⟨U+009B⟩", 3)]}
