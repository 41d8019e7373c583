"""The README says what ``launcher-tui integrations`` prints (issue 10): it read "lists every
installed integration with its endpoints and settings", while the listing is grouped by
category and endpoints and settings come with a name or ``--json``. Each claim of the README
paragraph is checked against the real command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from integrations.registry import registry
from launcher_tui.cli.main import main

README = Path(__file__).parents[2] / "README.md"
pytestmark = pytest.mark.usefixtures("isolated_dirs")


def paragraph() -> str:
    """The README's paragraph that starts with the command."""
    text = README.read_text(encoding="utf-8")
    start = text.index("`launcher-tui integrations` prints")
    return text[start : text.index("\n\n", start)]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_the_readme_says_what_the_listing_prints(capsys: pytest.CaptureFixture[str]) -> None:
    said = " ".join(paragraph().split())
    assert "grouped by category" in said and "`--json`" in said
    listing = run(capsys, "integrations")
    headings = re.findall(r"^(\S.*) \((\d+)\)$", listing, flags=re.MULTILINE)
    assert {name for name, _ in headings} == {i.category for i in registry.list()}
    example = re.search(r"`(\w[\w ]*) \((\d+)\)`", said)
    assert example is not None and example.group(1) in dict(headings)  # a real heading
    one = run(capsys, "integrations", "sonarr")
    assert "endpoints:" in one and "settings (--set KEY=VALUE):" in one
    assert "`launcher-tui integrations sonarr`" in said and "--set KEY=VALUE" in said
    data = json.loads(run(capsys, "integrations", "--json"))
    first = data["integrations"][0]
    assert {"category", "endpoints"} <= set(first)
    assert "JSON Schema" in said and "writeOnly" in json.dumps(data)
