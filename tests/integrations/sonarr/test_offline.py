"""Sonarr against a loopback server serving bodies written from Sonarr's documented API v3.

No Sonarr installs here, so these are offline tests only; the server checks the API key like
Sonarr does (401 otherwise) and records what the integration asked for.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, ConfigError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.sonarr.support import serve_arr
from tests.support.loopback import LoopbackServer, Response

FIXTURES = Path(__file__).parent / "fixtures"
KEY = "0123456789abcdef0123456789abcdef"
API = "/api/v3"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())


@pytest.fixture
def sonarr(loopback: LoopbackServer) -> LoopbackServer:
    """Every endpoint the integration uses, behind the API key."""
    routes = {
        "/system/status": fixture("system_status"),
        "/wanted/missing": fixture("wanted_missing"),
        "/queue/status": fixture("queue_status"),
        "/series": fixture("series"),
        "/queue": fixture("queue"),
        "/calendar": fixture("calendar"),
        "/health": fixture("health"),
    }
    return serve_arr(loopback, API, KEY, routes)


def target(url: str, key: str = KEY, **config: Any) -> Target:
    return Target(
        app_id="sonarr-1",
        app_name="Sonarr",
        url=url,
        integration_id="sonarr",
        config={"api_key": key, **config},
    )


async def test_connection_names_the_version(runtime: Runtime, sonarr: LoopbackServer) -> None:
    outcome = await runtime.test_connection(target(sonarr.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Sonarr 4.0.14.2939"
    assert sonarr.requests[-1].header("X-Api-Key") == KEY
    assert "apikey" not in sonarr.requests[-1].query  # the key never goes into URLs (logs)


async def test_wrong_key_is_an_auth_error(runtime: Runtime, sonarr: LoopbackServer) -> None:
    outcome = await runtime.test_connection(target(sonarr.url, key="wrong"))
    assert isinstance(outcome.error, AuthError)
    assert outcome.error.code == "invalid_auth"
    with pytest.raises(AuthError):
        await runtime.fetch(target(sonarr.url, key="wrong"), "counts")


async def test_missing_key_is_a_config_error(runtime: Runtime, sonarr: LoopbackServer) -> None:
    outcome = await runtime.test_connection(Target("s", "Sonarr", sonarr.url, "sonarr", config={}))
    assert isinstance(outcome.error, ConfigError) and "api_key" in outcome.error.message


async def test_html_login_page_is_a_bad_response(
    runtime: Runtime, loopback: LoopbackServer
) -> None:
    # a reverse proxy's login page (Authelia, Authentik…) answering 200 with HTML
    page = "<!DOCTYPE html><html><head><title>Login</title></head><body>Sign in</body></html>"
    loopback.route(
        "GET", f"{API}/system/status", Response(200, page, headers={"Content-Type": "text/html"})
    )
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert "HTML page" in outcome.error.message


async def test_another_arr_at_the_url_is_named(runtime: Runtime, loopback: LoopbackServer) -> None:
    status = fixture("system_status") | {"appName": "Radarr", "version": "5.21.1.9799"}
    loopback.json("GET", f"{API}/system/status", status)
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)
    assert "Radarr 5.21.1.9799, not Sonarr" in outcome.error.message


async def test_wrong_shape_is_a_bad_response(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.json("GET", f"{API}/wanted/missing", {"page": 1, "records": []})  # no totalRecords
    loopback.json("GET", f"{API}/queue/status", fixture("queue_status"))
    # counts asks its three paths at once: the others answer well, so the wanted list's shape is
    # the only error whatever order the answers come back in (a missing /series raced it).
    loopback.json("GET", f"{API}/series", fixture("series"))
    with pytest.raises(BadResponseError, match="sonarr: unexpected answer for the wanted list"):
        await runtime.fetch(target(loopback.url), "counts")


async def test_unreachable(runtime: Runtime, dead_url: str) -> None:
    outcome = await runtime.test_connection(target(dead_url))
    assert isinstance(outcome.error, UnreachableError)


async def test_counts(runtime: Runtime, sonarr: LoopbackServer) -> None:
    entry = await runtime.fetch(target(sonarr.url), "counts")
    stats = {s.label: s for s in entry.value.data.stats}
    assert {k: s.value for k, s in stats.items()} == {"Wanted": 42, "Queued": 3, "Series": 3}
    assert stats["Queued"].level is Severity.WARNING  # queue/status reports warnings
    [missing] = sonarr.requests_to(f"{API}/wanted/missing")
    assert missing.param("pageSize") == "1"  # cheap: the count only


async def test_library_size_is_fetched_rarely(runtime: Runtime, sonarr: LoopbackServer) -> None:
    t = target(sonarr.url)
    await runtime.fetch(t, "counts")
    await runtime.fetch(t, "counts", force=True)
    await runtime.fetch(t, "counts", force=True)
    assert len(sonarr.requests_to(f"{API}/wanted/missing")) == 3
    assert len(sonarr.requests_to(f"{API}/series")) == 1  # the whole library: long TTL


async def test_queue_list(runtime: Runtime, sonarr: LoopbackServer) -> None:
    data = (await runtime.fetch(target(sonarr.url), "queue")).value.data
    assert data.total == 3
    first, second, third = data.rows
    assert first.title == "Severance S02E09"
    assert first.detail == "75 % · 12m 30s left"
    assert (first.status, first.level) == ("downloading", Severity.OK)
    assert second.title == "Better Call Saul S06E13"
    assert "Not an upgrade" in second.detail
    assert (second.status, second.level) == ("importPending", Severity.WARNING)
    assert third.detail == "0 % · unknown left"
    [request] = sonarr.requests_to(f"{API}/queue")
    assert request.param("includeSeries") == "true" and request.param("includeEpisode") == "true"


async def test_queue_progress(runtime: Runtime, sonarr: LoopbackServer) -> None:
    data = (await runtime.fetch(target(sonarr.url), "queue_progress")).value.data
    bars = {item.label: item for item in data.items}
    assert bars["Severance S02E09"].percent == 75.0
    assert bars["Severance S02E09"].eta_seconds == 750.0
    assert bars["Better Call Saul S06E13"].percent == 100.0
    assert bars["Andor S02E12"].percent == 0.0 and bars["Andor S02E12"].eta_seconds is None


async def test_calendar_next_seven_days(runtime: Runtime, sonarr: LoopbackServer) -> None:
    data = (await runtime.fetch(target(sonarr.url), "calendar")).value.data
    assert [r.title for r in data.rows] == [
        "Andor S03E01",
        "Severance S02E11",
        "Better Call Saul S07E01",
    ]
    assert data.rows[0].status == "downloaded" and data.rows[1].status == ""
    assert data.rows[1].detail.startswith("Cold Harbor Part II · ")
    [request] = sonarr.requests_to(f"{API}/calendar")
    start = datetime.fromisoformat(request.param("start").replace("Z", "+00:00"))
    end = datetime.fromisoformat(request.param("end").replace("Z", "+00:00"))
    assert (end - start).days == 7
    assert request.param("includeSeries") == "true"


async def test_calendar_days_option(runtime: Runtime, sonarr: LoopbackServer) -> None:
    await runtime.fetch(target(sonarr.url), "calendar", {"days": 30})
    [request] = sonarr.requests_to(f"{API}/calendar")
    start = datetime.fromisoformat(request.param("start").replace("Z", "+00:00"))
    end = datetime.fromisoformat(request.param("end").replace("Z", "+00:00"))
    assert (end - start).days == 30
    with pytest.raises(ConfigError, match="days"):
        await runtime.fetch(target(sonarr.url), "calendar", {"days": 0})


async def test_health_alerts(runtime: Runtime, sonarr: LoopbackServer) -> None:
    entry = await runtime.fetch(target(sonarr.url), "health")
    alerts = {a.key: a for a in entry.value.alerts}
    assert alerts["health:IndexerStatusCheck"].severity is Severity.WARNING
    assert alerts["health:RootFolderCheck"].severity is Severity.CRITICAL
    assert alerts["health:RootFolderCheck"].message == "Missing root folder: /tv"
    assert alerts["health:UpdateCheck"].severity is Severity.INFO
    assert all(a.source == "Sonarr" for a in entry.value.alerts)
    assert entry.value.data.severity is Severity.CRITICAL


async def test_runtime_alerts_collects_health(runtime: Runtime, sonarr: LoopbackServer) -> None:
    alerts = await runtime.alerts(target(sonarr.url))
    assert sorted(a.key for a in alerts) == [
        "health:IndexerStatusCheck",
        "health:RootFolderCheck",
        "health:UpdateCheck",
    ]


async def test_healthy_sonarr_has_no_alerts(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.json("GET", f"{API}/health", [])
    entry = await runtime.fetch(target(loopback.url), "health")
    assert entry.value.alerts == [] and entry.value.data.severity is Severity.OK


async def test_api_url_overrides_the_app_url(runtime: Runtime, sonarr: LoopbackServer) -> None:
    t = target("http://sonarr.invalid", api_url=sonarr.url)
    assert (await runtime.test_connection(t)).ok
