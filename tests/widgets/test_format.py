"""Humanized numbers, sizes, durations and ages; the level → theme mapping."""

from __future__ import annotations

import pytest

from integrations.models import Severity
from widgets.format import (
    format_age,
    format_delta,
    format_duration,
    format_value,
    humanize_bytes,
    humanize_number,
)
from widgets.levels import (
    LEVEL_CLASSES,
    LEVEL_ICON,
    icon_style,
    level_class,
    level_style,
    level_variable,
    status_style,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234567, "1.2 M"),
        (950, "950"),
        (1500, "1.5 k"),
        (999_999, "1 M"),
        (-2500, "-2.5 k"),
        (12.0, "12"),
        (0.25, "0.25"),
        (3.14159, "3.14"),
        (2_500_000_000, "2.5 G"),
    ],
)
def test_humanize_number(value: float, text: str) -> None:
    assert humanize_number(value) == text


@pytest.mark.parametrize(
    ("value", "per_second", "text"),
    [(512, False, "512 B"), (1536, False, "1.5 KiB"), (3 * 1024**3, True, "3 GiB/s")],
)
def test_humanize_bytes(value: int, per_second: bool, text: str) -> None:
    assert humanize_bytes(value, per_second) == text


def test_format_value_picks_bytes_for_byte_units_and_keeps_text() -> None:
    assert format_value(1536, "B") == "1.5 KiB"
    assert format_value(2048, "B/s") == "2 KiB/s"
    assert format_value(1234567, "req") == "1.2 M req"
    assert format_value(42.5, "%") == "42.5%"
    assert format_value("healthy") == "healthy"
    assert format_value(None, "B") == "—"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (3900, "1h 5m"),
        (42, "42s"),
        (0, "0s"),
        (90061, "1d 1h"),
        (None, ""),
        (-5, ""),
        (float("inf"), ""),
    ],
)
def test_format_duration(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_format_age_and_delta() -> None:
    assert format_age(0.2) == "just now"
    assert format_age(12.7) == "12 s ago"
    assert format_age(150) == "2 min ago"
    assert format_age(7300) == "2 h ago"
    assert format_delta(3) == "▲ 3"
    assert format_delta(-1200) == "▼ 1.2 k"
    assert format_delta(0) == "= 0"
    assert format_delta(None) == ""


def test_levels_map_to_theme_variables_classes_and_distinct_icons() -> None:
    assert level_variable(Severity.CRITICAL) == "$error"
    assert level_variable(Severity.WARNING) == "$warning"
    assert level_variable(Severity.OK) == "$success"
    assert level_style(Severity.WARNING, bold=True) == "$warning bold"
    # statuses are text, never a solid block; only trouble is coloured
    assert status_style(Severity.CRITICAL) == "$text-error bold"
    assert status_style(Severity.WARNING) == "$text-warning bold"
    assert status_style(Severity.OK) == status_style(Severity.INFO) == "$text-muted"
    assert all(" on " not in status_style(level) for level in Severity)
    assert icon_style(Severity.OK) == "$text-muted" and icon_style(Severity.CRITICAL) == "$error"
    assert level_class(Severity.INFO) == "-info"
    assert set(LEVEL_CLASSES) == {"-ok", "-info", "-warning", "-critical"}
    assert len(set(LEVEL_ICON.values())) == len(Severity)
