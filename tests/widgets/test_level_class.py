"""``set_level_class``: exactly one level class, and no restyle when the level is unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.dom import DOMNode

from integrations.models import Severity
from widgets.levels import LEVEL_CLASSES, level_class, set_level_class


class CountedNode(DOMNode):
    """A real Textual node that counts the restyles its class changes ask for."""

    def __init__(self, classes: set[str]) -> None:
        super().__init__(classes=" ".join(sorted(classes)) or None)
        self.restyles = 0

    def update_node_styles(self, animate: bool = True) -> None:
        self.restyles += 1


@given(
    start=st.sets(st.sampled_from([*LEVEL_CLASSES, "other", "-unrelated"])),
    level=st.sampled_from(list(Severity)),
)
def test_one_level_class_and_at_most_one_restyle(start: set[str], level: Severity) -> None:
    node = CountedNode(start)
    set_level_class(node, level)
    levels = [name for name in LEVEL_CLASSES if node.has_class(name)]
    assert levels == [level_class(level)]
    assert {"other", "-unrelated"} & start <= set(node.classes)  # other classes are kept
    unchanged = {name for name in start if name in LEVEL_CLASSES} == {level_class(level)}
    assert node.restyles == (0 if unchanged else 1)


def test_a_refresh_with_the_same_level_restyles_nothing() -> None:
    node = CountedNode(set())
    set_level_class(node, Severity.WARNING)
    for _ in range(3):
        set_level_class(node, Severity.WARNING)
    set_level_class(node, Severity.OK)
    assert node.restyles == 2  # the first level, then the change
