"""Labels are not cut where avoidable (issue 10, 80x24: ``CPU (2 co…``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integrations.models import GaugeData
from widgets.gauge import render_gauge
from widgets.layout import fit_label

words = st.text(alphabet="abcdefghXYZ0123456789", min_size=1, max_size=12)


@given(words, st.text(alphabet="abc 123.", max_size=20), st.integers(0, 40))
def test_fit_label_never_overflows_and_prefers_dropping_the_parenthesis(head, extra, width):
    label = f"{head} ({extra})"
    out = fit_label(label, width).plain
    assert len(out) <= max(width, 0)
    assert fit_label(f"{head}々 ({extra})", width).cell_length <= width  # wide characters
    if len(label) <= width:
        assert out == label
    elif len(head) <= width:
        assert out == head  # whole words, no ellipsis


def test_narrow_gauge_keeps_the_label_whole() -> None:
    data = GaugeData(label="CPU (2 cores)", value=37.5, unit="%")
    first = render_gauge(data, 16, 3).plain.splitlines()[0]
    assert first.startswith("CPU ") and "…" not in first and first.endswith("37.5%")
    wide = render_gauge(data, 30, 3).plain.splitlines()[0]
    assert wide.startswith("CPU (2 cores)")
