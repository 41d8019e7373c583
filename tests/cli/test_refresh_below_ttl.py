"""A widget refresh shorter than its endpoint's cache TTL is accepted, and said (issue #11)."""

from __future__ import annotations

import pytest

from tests.cli.test_commands import Run, add, run  # noqa: F401 (the run fixture)

pytestmark = pytest.mark.usefixtures("isolated_dirs", "clitest")


def test_refresh_below_the_ttl_is_explained(run: Run) -> None:  # noqa: F811
    add(run)
    assert run("boards", "add", "Main")[0] == 0
    code, _, err = run("widgets", "add", "Main", "box", "numbers", "--refresh", "2")
    assert code == 0
    assert "cached for 5 s" in err and "every 5 s at most" in err
    code, _, err = run("widgets", "add", "Main", "box", "usage", "--refresh", "10")
    assert code == 0 and "cached" not in err  # at or above the TTL: nothing to say
