"""The shared text helpers of integrations/format.py.

The expected strings are the ones the integrations showed before they shared these helpers
(system uptime and disk sizes, *arr queue ETAs, download-client rates, the UPS runtime), so a
change here shows up as the visible change it is.
"""

from __future__ import annotations

import pytest

from integrations.format import (
    format_bytes,
    format_duration,
    format_eta,
    format_rate,
    threshold_level,
)
from integrations.models import Severity


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (512, "512 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (2355, "2.3 KiB"),
        (1536 * 1024**2, "1.5 GiB"),
        (int(23.5 * 1024**3), "23.5 GiB"),
        (3 * 1024**4, "3.0 TiB"),
        (2048 * 1024**4, "2048.0 TiB"),  # TiB is the largest unit
    ],
)
def test_format_bytes(size: float, text: str) -> None:
    assert format_bytes(size) == text


def test_format_rate_spells_sizes_per_second() -> None:
    assert format_rate(0) == "0 B/s"
    assert format_rate(1536) == "1.5 KiB/s"
    assert format_rate(2048) == "2.0 KiB/s"
    assert format_rate(5 * 1024**2) == "5.0 MiB/s"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-3, "0s"),
        (5, "5s"),
        (59, "59s"),
        (125, "2m"),
        (3720, "1h 2m"),
        (5400, "1h 30m"),
        (3 * 3600 + 720, "3h 12m"),
        (3 * 86400 + 4 * 3600 + 59, "3d 4h"),
    ],
)
def test_format_duration_is_coarse_by_default(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (5, "5s"),
        (65, "1m 05s"),
        (750, "12m 30s"),
        (4 * 3600 + 300, "4h 05m"),
        (26 * 3600, "1d 2h"),
    ],
)
def test_precise_duration_keeps_seconds_and_pads(seconds: float, text: str) -> None:
    assert format_duration(seconds, precise=True) == text
    assert format_eta(seconds) == text


def test_unknown_eta() -> None:
    assert format_eta(None) == "unknown"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, Severity.OK),
        (89.9, Severity.OK),
        (90, Severity.WARNING),
        (94.9, Severity.WARNING),
        (95, Severity.CRITICAL),
        (100, Severity.CRITICAL),
    ],
)
def test_thresholds_are_inclusive(value: float, expected: Severity) -> None:
    assert threshold_level(value, 90, 95) is expected


def test_missing_value_or_threshold_never_alarms() -> None:
    assert threshold_level(None, 1, 2) is Severity.OK
    assert threshold_level(50, None, None) is Severity.OK
    assert threshold_level(50, None, 40) is Severity.CRITICAL
    assert threshold_level(50, 40, None) is Severity.WARNING
