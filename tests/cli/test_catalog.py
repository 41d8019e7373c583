"""``launcher-tui integrations``: every integration listed once, grouped by category."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from integrations.registry import registry
from launcher_tui.cli.main import main

Run = Callable[..., tuple[int, str, str]]
pytestmark = pytest.mark.usefixtures("isolated_dirs")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def test_listing_groups_every_integration_by_category(run: Run) -> None:
    code, out, _ = run("integrations")
    assert code == 0
    lines = out.splitlines()
    headings = [line for line in lines if line and not line.startswith(" ") and "(" in line]
    categories = [h.rsplit(" (", 1)[0] for h in headings]
    assert categories == sorted(categories) and len(categories) == len(set(categories))
    ids = [line.split()[0] for line in lines if line.startswith("  ")]
    assert sorted(ids) == sorted(i.id for i in registry.list())
    for heading in headings:  # each heading counts the lines under it
        start = lines.index(heading) + 1
        count = int(heading.rsplit("(", 1)[1].rstrip(")"))
        assert all(line.startswith("  ") for line in lines[start : start + count])


def test_json_lists_at_least_65_integrations_with_their_category(run: Run) -> None:
    code, out, _ = run("integrations", "--json")
    assert code == 0
    found = json.loads(out)["integrations"]
    assert len(found) >= 65
    assert all(i["category"] for i in found)


def test_one_integration_shows_endpoints_and_settings(run: Run) -> None:
    code, out, _ = run("integrations", "pihole")
    assert code == 0
    assert "endpoints:" in out and "disable_5m" in out and "settings (--set KEY=VALUE):" in out


def test_readme_table_lists_every_integration() -> None:
    """The README's table is the generator's output: regenerate it when an integration is added."""
    from pathlib import Path

    from scripts.integrations_table import table

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    body = readme.split("<!-- integrations-table")[1].split("<!-- /integrations-table -->")[0]
    assert table() in body, "run: python scripts/integrations_table.py and paste it into README.md"
