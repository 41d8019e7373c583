"""The tmux screen reader the end-to-end test relies on to see focus and highlights."""

from __future__ import annotations

from tests.e2e.screen import Screen

DIALOG, FOCUS, FIELD, PICKED = "\x1b[48;5;234m", "\x1b[48;5;23m", "\x1b[48;5;235m", "\x1b[48;5;32m"


def row(*parts: str) -> str:
    return "".join(parts) + "\x1b[0m"


def form(focused: str) -> Screen:
    lines = []
    for label in ("Name *", "URL", "Group"):
        lines.append(row(DIALOG, f"│ {label:<40}│"))
        shade = FOCUS if label == focused else FIELD
        lines.append(row(DIALOG, "│ ", shade, " " * 39, DIALOG, "│"))
    return Screen.parse("\n".join(lines))


def test_parse_keeps_text_and_gives_each_character_its_background() -> None:
    screen = Screen.parse(row("ab", FOCUS, "cd", "\x1b[49m", "e") + "\n" + row("\x1b[7mx"))
    assert screen.rows == ["abcde", "x"]
    assert screen.backgrounds[0] == [None, None, "5;23", "5;23", None]
    assert screen.backgrounds[1] == [None]  # reverse video with the default colours


def test_the_focused_input_is_the_one_unlike_its_peers() -> None:
    screen = form(focused="URL")
    assert screen.input_focused("URL", ["Name *", "Group"])
    assert not screen.input_focused("Name *", ["URL", "Group"])
    assert not form(focused="").input_focused("Name *", ["URL", "Group"])


def test_a_label_is_not_found_inside_a_sentence() -> None:
    screen = Screen.parse("│ Checks that a URL answers          │\n│ URL                 │")
    assert screen.find_label("URL") == (1, 2)


def test_a_highlighted_option_differs_from_the_one_above() -> None:
    screen = Screen.parse(
        "\n".join([row(FIELD, "This machine      "), row(PICKED, "Web               ")])
    )
    assert screen.highlighted("Web")
    assert not screen.highlighted("This machine")  # first row: nothing above to differ from
