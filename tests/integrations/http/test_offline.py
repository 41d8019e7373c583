"""The http status monitor against a real loopback server: up, wrong status, keyword, down, slow."""

from __future__ import annotations

import pytest

from integrations.errors import BadResponseError, BadStatusError, ConfigError, TimeoutError_
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.support.loopback import LoopbackServer, Response

PAGE = "<!doctype html><html><body><h1>Welcome to Jellyfin</h1></body></html>"


@pytest.fixture
def every_fetch_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Do not reuse a check across fetches (the chart tests need several samples)."""
    monkeypatch.setattr("integrations.http.integration.CHECK_REUSE", 0.0)


def target(url: str, **config: object) -> Target:
    return Target(app_id="site", app_name="Jellyfin", url=url, integration_id="http", config=config)


async def stats(runtime: Runtime, t: Target) -> dict[str, object]:
    data = (await runtime.fetch(t, "status", force=True)).value.data
    return {s.label: s.value for s in data.stats} | {"level": data.stats[0].level}


async def test_up(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/web/index.html", Response(200, PAGE))
    t = target(f"{loopback.url}/web/index.html")
    outcome = await runtime.test_connection(t)
    assert outcome.ok and outcome.summary.startswith("Up: HTTP 200 in ")
    got = await stats(runtime, t)
    assert got["Status"] == "up" and got["Code"] == 200 and got["level"] is Severity.OK
    assert isinstance(got["Latency"], float) and 0 <= got["Latency"] < 5000
    alert = (await runtime.fetch(t, "alert")).value
    assert alert.alerts == [] and alert.data.alerts == []
    # the exact URL was requested (no trailing slash added), with a GET
    assert [(r.method, r.path) for r in loopback.requests][-1] == ("GET", "/web/index.html")


async def test_one_request_feeds_all_three_endpoints(
    runtime: Runtime, loopback: LoopbackServer
) -> None:
    loopback.route("GET", "/", Response(200, "ok"))
    t = target(loopback.url)
    for endpoint in ("status", "latency", "alert"):
        await runtime.fetch(t, endpoint)
    assert len(loopback.requests) == 1


async def test_wrong_status_is_down_with_a_critical_alert(
    runtime: Runtime, loopback: LoopbackServer
) -> None:
    loopback.route("GET", "/", Response(503, "<html>Service Unavailable</html>"))
    t = target(loopback.url)
    got = await stats(runtime, t)
    assert got["Status"] == "down" and got["Code"] == 503 and got["level"] is Severity.CRITICAL
    entry = await runtime.fetch(t, "alert")
    [alert] = entry.value.alerts
    assert alert.severity is Severity.CRITICAL
    assert alert.message == "Jellyfin is down: HTTP 503"
    assert alert.source == "Jellyfin" and alert.key.startswith("down:")
    outcome = await runtime.test_connection(t)
    assert isinstance(outcome.error, BadStatusError) and outcome.error.status_code == 503


async def test_expected_status_ranges_are_configurable(
    runtime: Runtime, loopback: LoopbackServer
) -> None:
    loopback.route("GET", "/", Response(401, "login first"))
    assert (await stats(runtime, target(loopback.url)))["Status"] == "down"
    t = target(loopback.url, expected_status="200-299, 401")
    assert (await stats(runtime, t))["Status"] == "up"  # 401 is no AuthError for a monitor
    assert (await runtime.test_connection(t)).ok
    ok_200 = target(loopback.url, expected_status="200")
    loopback.route("GET", "/", Response(204, b""))
    assert (await stats(runtime, ok_200))["Status"] == "down"


async def test_redirects_are_followed(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/", Response(302, b"", headers={"Location": "/login"}))
    loopback.route("GET", "/login", Response(200, PAGE))
    got = await stats(runtime, target(loopback.url, expected_status="200"))
    assert got["Status"] == "up" and got["Code"] == 200


async def test_keyword(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/", Response(200, PAGE))
    assert (await stats(runtime, target(loopback.url, keyword="Jellyfin")))["Status"] == "up"
    missing = target(loopback.url, keyword="Emby")
    assert (await stats(runtime, missing))["Status"] == "down"
    [alert] = (await runtime.fetch(missing, "alert")).value.alerts
    assert alert.message == "Jellyfin is down: keyword 'Emby' missing"
    outcome = await runtime.test_connection(missing)
    assert isinstance(outcome.error, BadResponseError) and "Emby" in outcome.error.message


async def test_head_method(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.route("HEAD", "/", Response(200, PAGE))
    assert (await stats(runtime, target(loopback.url, method="HEAD")))["Status"] == "up"
    assert loopback.requests[-1].method == "HEAD"


async def test_unreachable_is_down(runtime: Runtime, dead_url: str) -> None:
    t = target(f"{dead_url}/")
    got = await stats(runtime, t)
    assert got["Status"] == "down" and got["Code"] is None and got["Latency"] is None
    [alert] = (await runtime.fetch(t, "alert")).value.alerts
    assert alert.message.startswith("Jellyfin is down: cannot connect to http://127.0.0.1:")
    outcome = await runtime.test_connection(t)
    assert outcome.error is not None and outcome.error.code == "cannot_connect"


async def test_slow_answer_times_out(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.route("GET", "/", Response(200, "late", delay=1.0))
    t = target(loopback.url, timeout=0.2)
    got = await stats(runtime, t)
    assert got["Status"] == "down"
    [alert] = (await runtime.fetch(t, "alert")).value.alerts
    assert "within 0.2 s" in alert.message
    outcome = await runtime.test_connection(t)
    assert isinstance(outcome.error, TimeoutError_)


async def test_latency_chart_keeps_history_across_fetches(
    runtime: Runtime, loopback: LoopbackServer, every_fetch_checks: None
) -> None:
    loopback.route("GET", "/", Response(200, "ok"))
    t = target(loopback.url)
    for _ in range(3):
        chart = (await runtime.fetch(t, "latency", force=True)).value.data
    [series] = chart.series
    assert len(series.points) == 3 and chart.unit == "ms"
    assert [p.t for p in series.points] == sorted(p.t for p in series.points)
    # down checks have no latency: the line gets no made-up point
    loopback.route("GET", "/", Response(200, "late", delay=1.0))
    slow = target(loopback.url, timeout=0.2)
    chart = (await runtime.fetch(slow, "latency", force=True)).value.data
    assert chart.series[0].points == []  # new settings, new context: its history starts empty


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"expected_status": "abc"}, "expected_status"),
        ({"expected_status": "399-200"}, "expected_status"),
        ({"method": "HEAD", "keyword": "x"}, "keyword"),
        ({"timeout": 0}, "timeout"),
        ({"method": "POST"}, "method"),
    ],
)
async def test_bad_settings_are_config_errors(
    runtime: Runtime, config: dict[str, object], field: str
) -> None:
    outcome = await runtime.test_connection(target("http://127.0.0.1:1/", **config))
    assert isinstance(outcome.error, ConfigError)
    assert field in outcome.error.message


async def test_invalid_url_is_a_config_error(runtime: Runtime) -> None:
    with pytest.raises(ConfigError):
        await runtime.fetch(target("ftp://example.invalid/"), "status")


async def test_latency_leaves_out_building_the_client(
    runtime: Runtime, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newcomer saw 100-400 ms for a service curl answered in 5 ms: the first check timed the
    making of the HTTP client (TLS contexts) as if the service were slow. Here building the
    client "takes" 1000 s on the check's own clock; the latency must not contain it."""
    from integrations import base
    from integrations.http import integration as http_check

    now = [0.0]
    monkeypatch.setattr(http_check.time, "perf_counter", lambda: now[0])
    real = base.Context.make_http

    def slow_to_build(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        now[0] += 1000.0
        return real(self, *args, **kwargs)

    monkeypatch.setattr(base.Context, "make_http", slow_to_build)
    loopback.route("GET", "/health", Response(200, b"ok"))
    stats = {
        s.label: s.value
        for s in (await runtime.fetch(target(loopback.url + "/health"), "status")).value.data.stats
    }
    assert stats["Latency"] == 0.0
