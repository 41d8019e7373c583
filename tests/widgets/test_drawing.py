"""Pure drawing functions: text, styles per level, layout choice by size, chart history."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from integrations.base import Action
from integrations.errors import AuthError, UnreachableError
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    GaugeData,
    ListData,
    ListRow,
    Point,
    ProgressData,
    ProgressItem,
    Series,
    Severity,
    Stat,
    StatData,
)
from widgets.alert_banner import render_alerts
from widgets.alert_overlay import render_overlay
from widgets.chart import ChartHistory, chart_mode, relative_ticks, render_sparklines, sparkline
from widgets.gauge import COMPACT_MIN_BAR, gauge_bar, render_gauge
from widgets.integration_widget import actions_subtitle, describe_error, status_content
from widgets.item_list import render_list
from widgets.layout import center, fit, spread
from widgets.progress import render_progress
from widgets.stat_card import render_stats
from widgets.texts import error_title, field_for_error


def styles_of(content: Content, text: str) -> set[str]:
    """Styles of the spans covering the first occurrence of ``text``."""
    start = content.plain.index(text)
    end = start + len(text)
    return {str(s.style) for s in content.spans if s.start < end and s.end > start}


def style_at(content: Content, offset: int) -> str:
    """The style of the span covering cell ``offset`` (single-cell glyphs)."""
    return next(str(s.style) for s in content.spans if s.start <= offset < s.end)


# -- layout helpers ---------------------------------------------------------------------------


def test_fit_spread_center_respect_width() -> None:
    assert fit("abcdefgh", 5).plain == "abcd…"
    line = spread("left side text", "42%", 12)
    assert line.cell_length == 12 and line.plain.endswith("42%")
    assert center("ab", 7).plain == "  ab   "


# -- stat -------------------------------------------------------------------------------------

STATS = StatData(
    stats=[
        Stat(label="Wanted", value=1234567, delta=12, level=Severity.WARNING),
        Stat(label="Disk", value=3 * 1024**4, unit="B", level=Severity.CRITICAL),
    ]
)


def test_stat_compact_when_small_columns_when_roomy() -> None:
    small = render_stats(STATS, 30, 2)
    assert small.plain.splitlines()[0].startswith("Wanted")
    assert "1.2 M ▲ 12" in small.plain
    assert "3 TiB" in small.plain
    roomy = render_stats(STATS, 40, 5).plain.splitlines()
    assert "1.2 M" in roomy[0] and "3 TiB" in roomy[0]
    assert "Wanted" in roomy[1] and "Disk" in roomy[1]


def test_stat_value_takes_its_level_colour() -> None:
    content = render_stats(STATS, 40, 5)
    assert "$warning bold" in styles_of(content, "1.2 M")
    assert "$error bold" in styles_of(content, "3 TiB")


def test_lone_stat_gets_big_digits_only_when_tall() -> None:
    data = StatData(stats=[Stat(label="Series", value=482)])
    big = render_stats(data, 30, 6).plain.splitlines()
    assert len(big) == 4 and "482" not in big[0]  # three rows of box digits + caption
    assert "Series" in big[3]
    assert render_stats(data, 30, 1).plain.split() == ["Series", "482"]


UPTIME = StatData(
    stats=[
        Stat(label="Uptime", value="12d 4h"),
        Stat(label="Booted", value="2025-06-03 07:12"),
        Stat(label="Processes", value=212),
    ]
)


def test_stat_too_narrow_for_a_row_takes_two_lines_when_the_card_has_rows() -> None:
    lines = render_stats(UPTIME, 21, 5).plain.splitlines()
    assert lines[0].split() == ["Uptime", "12d", "4h"]
    assert lines[1].strip() == "Booted"
    assert lines[2].strip() == "2025-06-03 07:12" and lines[2].endswith("07:12")
    assert lines[3].split() == ["Processes", "212"]
    assert all(len(line) == 21 for line in lines)


def test_stat_too_narrow_without_rows_cuts_the_value_not_the_label() -> None:
    lines = render_stats(UPTIME, 21, 3).plain.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("Booted 2025-06") and lines[1].endswith("…")
    assert "Boo…" not in render_stats(UPTIME, 16, 3).plain


# -- gauge ------------------------------------------------------------------------------------


def test_gauge_level_colours_bar_and_value() -> None:
    warn = GaugeData(label="CPU", value=75, warning=70, critical=90)
    crit = GaugeData(label="CPU", value=95, warning=70, critical=90)
    ok = GaugeData(label="CPU", value=10, warning=70, critical=90)
    assert "$warning bold" in styles_of(render_gauge(warn, 30, 2), "75%")
    assert "$error bold" in styles_of(render_gauge(crit, 30, 2), "95%")
    assert "$success bold" in styles_of(render_gauge(ok, 30, 2), "10%")


def test_gauge_bar_fills_fraction_and_tints_threshold_zones() -> None:
    data = GaugeData(label="Disk", value=50, warning=70, critical=90)
    bar = gauge_bar(data, 20)
    assert bar.plain == "━" * 10 + "─" * 10
    # warning at 70% → cell 14, critical at 90% → cell 18
    assert style_at(bar, 12) == "$foreground-muted"
    assert style_at(bar, 15) == "$warning-muted"
    assert style_at(bar, 19) == "$error-muted"
    assert style_at(bar, 3) == "$success"
    assert render_gauge(data, 30, 1).plain.startswith("Disk ")


def test_gauge_layout_by_height() -> None:
    data = GaugeData(label="CPU (8 cores)", value=37.5, warning=80, critical=95)
    one = render_gauge(data, 26, 1).plain
    assert one.startswith("CPU (8 cores) ") and one.endswith(" 37.5%")  # label kept whole
    assert "━" in one and cell_len(one) == 26
    tall = render_gauge(data, 26, 4).plain.splitlines()
    assert len(tall) == 3
    assert tall[0].startswith("CPU (8 cores)") and tall[0].endswith("37.5%")
    assert set(tall[1]) <= set("━╸─") and len(tall[1]) == 26
    assert tall[2].startswith("0%") and tall[2].endswith("100%")
    assert "⚠ 80%" in tall[2] and "✖ 95%" in tall[2]
    assert all(cell_len(line) == 26 for line in tall)
    # the thresholds are dropped from the scale before they would crowd it
    narrow = render_gauge(data, 14, 3).plain.splitlines()
    assert narrow[2].startswith("0%") and narrow[2].endswith("100%") and "⚠" not in narrow[2]
    # a one-row gauge shortens a long label before the bar gets too short: its parenthesis
    # goes first, so no word is cut
    squeezed = render_gauge(data, 20, 1).plain
    assert squeezed.startswith("CPU ") and "…" not in squeezed
    assert squeezed.count("━") + squeezed.count("─") >= COMPACT_MIN_BAR - 1
    assert "…" in render_gauge(data.model_copy(update={"label": "Processor load"}), 20, 1).plain


def test_gauge_absolute_units_show_the_maximum() -> None:
    data = GaugeData(label="RAM", value=3 * 1024**3, max=8 * 1024**3, unit="B")
    assert "3 GiB / 8 GiB" in render_gauge(data, 40, 2).plain


# -- list -------------------------------------------------------------------------------------


def test_list_rows_status_text_and_more() -> None:
    data = ListData(
        rows=[
            ListRow(title="Gitea", detail="refused", status="down", level=Severity.CRITICAL),
            ListRow(title="Nextcloud", status="up"),
        ],
        total=5,
    )
    content = render_list(data, 30)
    lines = content.plain.splitlines()
    assert lines[0].startswith("✖ Gitea") and lines[0].endswith(" down")  # right-aligned
    assert lines[2].endswith(" up") and len(lines[0]) == len(lines[2]) == 30
    assert lines[1].strip() == "refused"
    assert lines[-1] == "+3 more"
    # coloured text, never a reversed/solid badge; a healthy row stays muted
    assert styles_of(content, "down") == {"$text-error bold"}
    assert styles_of(content, "up") == {"$text-muted"}
    assert not any(" on " in str(span.style) for span in content.spans)


def test_list_status_gives_way_to_the_title() -> None:
    row = ListRow(title="Better Call Saul S06E13", status="importPending · waiting for a slot")
    line = render_list(ListData(rows=[row]), 40).plain
    assert line.startswith("✔ Better Call Saul S06E13") and "…" in line and cell_len(line) == 40


def test_list_empty_text() -> None:
    assert render_list(ListData(rows=[], empty_text="Queue is empty"), 30).plain == "Queue is empty"


# -- progress ---------------------------------------------------------------------------------


def test_progress_roomy_compact_and_more() -> None:
    items = [ProgressItem(label=f"file{i}", percent=50, eta_seconds=3900) for i in range(3)]
    data = ProgressData(items=items)
    roomy = render_progress(data, 40, 6).plain.splitlines()
    assert len(roomy) == 6 and "50%  ETA 1h 5m" in roomy[0]
    compact = render_progress(data, 40, 3).plain.splitlines()
    assert len(compact) == 3 and compact[0].startswith("file0")
    cut = render_progress(data, 40, 2).plain.splitlines()
    assert cut == [cut[0], "+2 more"]
    done = ProgressData(items=[ProgressItem(label="x", percent=100, eta_seconds=10)])
    assert "ETA" not in render_progress(done, 40, 2).plain
    assert render_progress(ProgressData(items=[]), 40, 2).plain == "Nothing in progress"


def test_progress_label_detail_and_percent_are_separate_columns() -> None:
    disk = ProgressItem(label="/srv", detail="162 GiB free of 1.8 TiB", percent=91)
    wide = render_progress(ProgressData(items=[disk]), 40, 2)
    head = wide.plain.splitlines()[0]
    assert head.startswith("/srv  162 GiB free of 1.8 TiB") and head.endswith(" 91%")
    assert styles_of(wide, "162 GiB") == {"$text-muted"} and "$text-muted" not in styles_of(
        wide, "/srv"
    )
    # narrow: the detail is cut (ellipsis), the label never is, and a gap stays before it
    narrow = render_progress(ProgressData(items=[disk]), 22, 2).plain.splitlines()[0]
    assert narrow.startswith("/srv  162 GiB") and "…" in narrow and narrow.endswith(" 91%")
    assert cell_len(narrow) == 22
    # too narrow for a readable detail: it is left out rather than glued to the label
    tiny = render_progress(ProgressData(items=[disk]), 14, 2).plain.splitlines()[0]
    assert tiny.startswith("/srv ") and "162" not in tiny and tiny.endswith("91%")


def test_compact_progress_rows_line_up() -> None:
    items = [
        ProgressItem(label="a", percent=10, eta_seconds=3900),
        ProgressItem(label="a longer name", percent=100),
    ]
    lines = render_progress(ProgressData(items=items), 50, 2).plain.splitlines()
    starts = [line.index(next(c for c in line[13:] if c in "━╸─"), 13) for line in lines]
    assert starts[0] == starts[1]  # bars start in one column (labels padded)
    assert all(cell_len(line) == 50 for line in lines)


# -- alerts -----------------------------------------------------------------------------------


def test_alerts_worst_first_with_source_and_ok_text() -> None:
    data = AlertData(
        alerts=[
            Alert(severity=Severity.WARNING, message="Disk full", source="System"),
            Alert(severity=Severity.CRITICAL, message="Down", source="Kuma"),
        ]
    )
    lines = render_alerts(data, 40).plain.splitlines()
    assert lines == ["✖ Down — Kuma", "⚠ Disk full — System"]
    assert render_alerts(AlertData(alerts=[], ok_text="No alerts"), 40).plain == "✔ No alerts"
    assert render_alerts(data, 40, height=1).plain == "+2 more"


def test_overlay_shows_criticals_and_counts_warnings() -> None:
    alerts = [
        Alert(severity=Severity.CRITICAL, message="Gitea down", source="Kuma"),
        Alert(severity=Severity.WARNING, message="a", source="System"),
        Alert(severity=Severity.WARNING, message="b", source="Sonarr"),
    ]
    lines = render_overlay(alerts, 80).plain.splitlines()
    assert lines == [
        "✖ Gitea down — Kuma",
        "⚠ 2 warnings (Sonarr, System)   A acknowledge · H history",
    ]
    assert render_overlay(alerts[1:2], 80).plain == "⚠ 1 warning (System)"
    # one critical: the keys sit at the right end of its line; acknowledged ones are counted
    assert render_overlay(alerts[:1], 60).plain.endswith("   A acknowledge · H history")
    assert "1 acknowledged" in render_overlay(alerts[1:2], 80, acknowledged=1).plain
    two = [alerts[0], alerts[0].model_copy(update={"message": "Forgejo down"})]
    assert "2 critical alerts" in render_overlay(two, 80).plain


# -- chart ------------------------------------------------------------------------------------


def test_chart_mode_by_size() -> None:
    assert chart_mode(60, 20) == "plot"
    assert chart_mode(60, 7) == "sparkline"
    assert chart_mode(29, 20) == "sparkline"


def test_history_merges_by_timestamp_and_is_bounded() -> None:
    history = ChartHistory(max_points=3)
    history.merge(ChartData(series=[Series(name="cpu", points=[Point(t=1, v=1), Point(t=2, v=2)])]))
    history.merge(
        ChartData(series=[Series(name="cpu", points=[Point(t=2, v=20), Point(t=3, v=3)])])
    )
    assert history.values("cpu") == [1, 20, 3]  # same timestamp replaced, not duplicated
    history.merge(ChartData(series=[Series(name="cpu", points=[Point(t=4, v=4)])]))
    assert history.values("cpu") == [20, 3, 4]  # oldest dropped at the bound
    history.merge(ChartData(series=[Series(name="mem", points=[Point(t=0.5, v=9)])]))
    assert list(history.series) == ["cpu", "mem"] and history.values("cpu") == [20, 3, 4]


def test_sparkline_scales_blocks() -> None:
    assert sparkline([0, 5, 10], 10) == "▁▅█"
    assert sparkline(range(20), 4) == "▁▃▆█"  # last ``width`` values
    assert sparkline([3, 3], 5) == "▄▄"
    assert sparkline([5], 3, lo=0, hi=10) == "▅"


def test_render_sparklines_rows_with_latest_value() -> None:
    data = ChartData(
        series=[
            Series(name="down", points=[Point(t=1, v=1024), Point(t=2, v=2048)]),
            Series(name="up", points=[Point(t=1, v=10), Point(t=2, v=5)]),
        ],
        unit="B/s",
    )
    history = ChartHistory()
    history.merge(data)
    lines = render_sparklines(history, data, 30, 2).plain.splitlines()
    assert lines[0].startswith("down ▁█") and lines[0].endswith("2 KiB/s")
    assert lines[1].startswith("up █▁")


def test_relative_ticks_need_no_clock() -> None:
    ticks, labels = relative_ticks([100, 400, 700, 1000])
    assert ticks == [100, 400, 700, 1000]
    assert labels == ["-15m", "-10m", "-5m", "now"]


# -- container texts --------------------------------------------------------------------------


def test_error_and_status_texts() -> None:
    title, message, hint = describe_error(AuthError("Sonarr refused the key"))
    assert (title, message) == ("Authentication failed", "Sonarr refused the key")
    assert "credentials" in hint  # names no field the integration may not have
    assert describe_error(ValueError("boom"))[:2] == ("Error", "boom")
    stale = status_content("stale", 150, UnreachableError("x"), False)
    assert stale.plain == "⚠ stale, 2 min ago · Cannot connect"
    assert "$warning bold" in styles_of(stale, "stale")
    assert status_content("ready", 12.5, None, False).plain == "updated just now"
    assert status_content("ready", 150, None, False).plain == "updated 2 min ago"
    assert status_content("ready", 12.5, None, True).plain == "refreshing…"
    assert actions_subtitle(
        [Action("pause", "Pause [all]", "?", key="p"), Action("x", "X", "?", key="r")]
    ) == (r"r refresh · p Pause \[all]")


def test_error_codes_attach_to_fields() -> None:
    fields = ["url", "api_url", "username", "password"]
    assert field_for_error("invalid_auth", fields) == "password"
    assert field_for_error("invalid_auth", ["url", "username"]) == "username"
    assert (
        field_for_error("invalid_auth", ["url", "secret_thing"], ["secret_thing"]) == "secret_thing"
    )
    assert field_for_error("cannot_connect", fields) == "url"
    assert field_for_error("timeout", ["api_url"]) == "api_url"
    assert field_for_error("invalid_config", fields) is None
    assert error_title("tls") == "TLS error"
    assert error_title("whatever") == "Error"


def test_gauge_low_is_bad_tints_the_track_below_the_thresholds() -> None:
    """Battery charge: trouble lies below the thresholds, so that is where the track is tinted."""
    from integrations.models import GaugeData, Severity
    from widgets.gauge import gauge_bar

    data = GaugeData(label="Battery", value=10, warning=50, critical=20, low_is_bad=True)
    assert data.level is Severity.CRITICAL

    def style_at(bar, cell: int) -> str:
        return next(str(sp.style) for sp in bar.spans if sp.start <= cell < sp.end)

    low_bar = gauge_bar(data, 10)
    assert "error-muted" in style_at(low_bar, 1)  # below critical (20 %)
    assert "warning-muted" in style_at(low_bar, 3)  # below warning (50 %)
    assert style_at(low_bar, 9) == "$foreground-muted"  # a full battery is fine
    high = GaugeData(label="Battery", value=10, warning=50, critical=20)
    assert high.level is Severity.OK
    assert "error-muted" in style_at(gauge_bar(high, 10), 9)
