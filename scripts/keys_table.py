"""Print the README's key table from the help screen's rows (the one command table).

    python scripts/keys_table.py     # paste between the README's keys-table markers

``tests/app/test_keys_documented.py`` checks that the README's table is exactly this.
"""

from __future__ import annotations

from launcher_tui.screens.help import help_markdown

if __name__ == "__main__":
    print(help_markdown())
