"""The README's key table is the help screen, row for row; the palette speaks in words."""

from __future__ import annotations

import re
from pathlib import Path

from launcher_tui.commands import COMMANDS, bindings, key_words
from launcher_tui.screens.help import help_markdown, help_rows

README = Path(__file__).parents[2] / "README.md"


def readme_key_table() -> str:
    """The table between the README's ``keys-table`` markers."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- keys-table:", 1)[1].split("<!-- /keys-table -->", 1)[0]
    return "\n".join(line for line in block.splitlines() if line.startswith("|"))


def test_the_readme_key_table_is_the_help_screen():
    """Help said ``shift+r`` where the README said ``R``: now both come from one table."""
    assert readme_key_table() == help_markdown(), "run: python scripts/keys_table.py"


def test_capital_keys_read_as_typed_everywhere():
    """``R``, not ``shift+r``: one spelling in help, README, palette and footer."""
    spelled = [
        key
        for row in help_rows()
        if not isinstance(row, str)
        for key in row[0].split(", ")
        if re.fullmatch(r"shift\+[a-z]", key)
    ]
    assert not spelled, spelled
    assert all(not re.fullmatch(r"shift\+[a-z]", b.key_display or "") for b in bindings())


def normalise(key: str) -> str:
    """``shift+r`` and ``R``, ``Ctrl+S`` and ``ctrl+s``, ``del`` and ``Del`` read the same."""
    key = key.strip().strip("`").lower()
    shifted = re.fullmatch(r"shift\+([a-z])", key)
    return shifted.group(1).upper() if shifted else key


def readme_keys() -> set[str]:
    found = set()
    for key in re.findall(r"`([^`]+)`", readme_key_table()):
        found.add(normalise(key))
        found.add(key.strip())  # capitals such as R, D, E stay as typed
    return found


def test_every_help_key_is_in_the_readme_table():
    documented = readme_keys() | {normalise(k) for k in readme_keys()}
    missing = []
    for row in help_rows():
        if isinstance(row, str) or row[0].startswith("("):
            continue
        for key in row[0].split(", "):
            if key in ("←", "→", "↑", "↓") or key.startswith(
                ("shift+←", "shift+→", "shift+↑", "shift+↓", "ctrl+←", "ctrl+→", "ctrl+↑", "ctrl+↓")
            ):
                continue  # the table says "arrows", "shift+arrows", "ctrl+arrows"
            if normalise(key) not in documented and key not in documented:
                missing.append(key)
    assert not missing, f"README key table lacks: {missing}"


def test_palette_labels_read_as_words():
    texts = {c.id: key_words(c.keys_text) for c in COMMANDS}
    assert texts["next_board"] == "right bracket"
    assert texts["prev_board"] == "left bracket"
    assert all("[" not in t and "]" not in t for t in texts.values())
