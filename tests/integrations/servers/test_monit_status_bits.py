"""Monit's ``<status>`` bit mask becomes the reason a check failed (its XML carries no message)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integrations.monit.integration import EVENTS, failure_reasons


def test_known_values_seen_from_monit_5_33() -> None:
    assert failure_reasons("32") == ["connection failed"]  # port check, nothing listening
    assert failure_reasons("512") == ["does not exist"]  # filesystem check on a non-mount path
    assert failure_reasons("544") == ["connection failed", "does not exist"]
    assert failure_reasons("0") == []


@given(st.text(max_size=12))
def test_any_text_is_safe(status: str) -> None:
    reasons = failure_reasons(status)
    assert set(reasons) <= {text for _, text in EVENTS}


@given(st.sets(st.sampled_from(EVENTS)))
def test_each_bit_maps_to_its_reason(events: set[tuple[int, str]]) -> None:
    status = sum(bit for bit, _ in events)
    assert set(failure_reasons(str(status))) == {text for _, text in events}
