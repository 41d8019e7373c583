"""``widgets add`` without ``--w``/``--h`` sizes a card as the dashboard does (issue 10): a
list or chart came out 1x1 with its rows cut; now 2x2 (capped to the board's columns), one
cell for the rest, and an explicit size is kept."""

from __future__ import annotations

import pytest

from tests.cli.test_commands import Run, add, run  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.usefixtures("isolated_dirs", "clitest")


def size(run: Run, *args: str) -> tuple[int, int]:  # noqa: F811 - the fixture
    code, data = run.json("widgets", "add", *args)
    assert code == 0, data
    return data["w"], data["h"]


def test_cli_cards_get_the_dashboards_default_size(run: Run) -> None:  # noqa: F811
    add(run)
    assert run("boards", "add", "Main", "--columns", "3")[0] == 0
    assert run("boards", "add", "Narrow", "--columns", "1")[0] == 0
    assert size(run, "Main", "box", "items") == (2, 2)  # a list needs room
    assert size(run, "Main", "box", "numbers") == (1, 1)  # a stat reads in one cell
    assert size(run, "Narrow", "box", "items") == (1, 2)  # never wider than the board
    assert size(run, "Main", "box", "items", "--w", "1", "--h", "1") == (1, 1)  # as asked
