"""The `http` integration: an uptime check for any URL (the app URL, or ``api_url``).

One check feeds all three endpoints: the result is kept in ``ctx.state`` for a few seconds, so a
board showing the status card, the latency chart and the alert banner sends one request per
refresh, not three. A service that does not answer is a *result* here ("down: connection
refused"), not an error: only a broken configuration raises.

A URL behind a login takes the shared authentication fields (none / Basic / bearer / a custom
header, :mod:`integrations.auth_fields`), stored encrypted; a login written into the app URL
(``http://user:pass@host``) is moved into them when the app is saved.

The data models are imported by the fetches that build them: ``test-connection`` of an HTTP
check (a quick headless command) never needs them, and building them is ~10 ms of its CPU.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Self

from pydantic import Field, field_validator, model_validator

from integrations.auth_fields import HttpAuthConfig, credentials
from integrations.base import Context, Endpoint, Integration
from integrations.errors import (
    BadResponseError,
    BadStatusError,
    ConfigError,
    IntegrationError,
)
from integrations.kinds import RendererKind, Severity

if TYPE_CHECKING:
    from integrations.models import ChartData, FetchResult, StatData

#: Latency samples kept for the chart (one per check).
HISTORY = 120
#: A check younger than this answers every endpoint (one request per refresh, not three).
CHECK_REUSE = 5.0


def parse_status_ranges(spec: str) -> list[tuple[int, int]]:
    """``"200-299, 301,302"`` → ``[(200, 299), (301, 301), (302, 302)]``; ValueError when malformed."""
    ranges = []
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise ValueError(f"'{part}' is not a status code or a range like 200-399")
        start, end = int(low), int(high or low)
        if not (100 <= start <= end <= 599):
            raise ValueError(f"'{part}' is not within 100-599 (low-high)")
        ranges.append((start, end))
    if not ranges:
        raise ValueError("give at least one status code or range, e.g. 200-399")
    return ranges


class HttpCheckConfig(HttpAuthConfig):
    """What counts as "up", and how to log in."""

    expected_status: str = Field(
        "200-399",
        title="Expected status",
        description="Status codes that mean up: codes and ranges, e.g. 200-299,301.",
    )
    method: Literal["GET", "HEAD"] = Field(
        "GET", title="Method", description="HEAD is lighter but cannot check a keyword."
    )
    keyword: str = Field(
        "",
        title="Keyword",
        description="Text that must appear in the page (case-sensitive); empty to skip.",
    )
    timeout: float = Field(
        10.0, gt=0, le=120, title="Timeout (s)", description="Seconds before the check fails."
    )

    @field_validator("expected_status")
    @classmethod
    def _valid_ranges(cls, value: str) -> str:
        parse_status_ranges(value)
        return value

    @model_validator(mode="after")
    def _keyword_needs_body(self) -> Self:
        if self.keyword and self.method == "HEAD":
            raise ValueError("a keyword check needs the GET method (HEAD has no body)")
        return self

    def expects(self, status: int) -> bool:
        return any(low <= status <= high for low, high in parse_status_ranges(self.expected_status))


@dataclass(frozen=True)
class CheckResult:
    """One check: up or down, why, and how long the answer took."""

    up: bool
    reason: str
    status_code: int | None
    latency_ms: float | None
    checked_at: float
    error: IntegrationError | None = None


async def run_check(ctx: Context, config: HttpCheckConfig) -> CheckResult:
    """Request the URL once and judge the answer against the config."""
    # the exact URL as given, not "": httpx would append a "/" to a base URL such as /health
    url = str(config.api_url) if config.api_url else ctx.url
    if not url:
        raise ConfigError("http: no URL to check", hint="Give the app a URL.", integration="http")
    headers, auth = credentials(config, ctx.secret)
    http = ctx.http  # made on first use: building a client (TLS contexts) is not the service's time
    started = time.perf_counter()
    try:
        response = await http.request(
            config.method,
            url,
            timeout=config.timeout,
            ok_statuses=range(100, 600),
            headers=headers or None,
            auth=auth,
        )
    except ConfigError:
        raise  # a broken URL is the user's to fix, not the service being down
    except IntegrationError as exc:
        return CheckResult(False, _short(exc), None, None, time.time(), exc)
    latency = round((time.perf_counter() - started) * 1000, 1)
    code = response.status_code
    if not config.expects(code):
        error = BadStatusError(
            f"{ctx.app_name}: HTTP {code}, expected {config.expected_status}",
            status_code=code,
            integration="http",
        )
        return CheckResult(False, f"HTTP {code}", code, latency, time.time(), error)
    if config.keyword and config.keyword not in response.text:
        error = BadResponseError(
            f"{ctx.app_name}: the page does not contain {config.keyword!r}",
            hint="The page changed, or the URL serves an error or login page.",
            integration="http",
        )
        return CheckResult(
            False, f"keyword {config.keyword!r} missing", code, latency, time.time(), error
        )
    return CheckResult(True, f"HTTP {code}", code, latency, time.time())


def _short(exc: IntegrationError) -> str:
    """The reason part of a client error ("http: cannot connect to … (…)" → after the name)."""
    prefix = f"{exc.integration}: " if exc.integration else ""
    message = exc.message
    return message[len(prefix) :] if prefix and message.startswith(prefix) else message


class HttpCheck(Integration):
    """Up/down, status code and latency of a URL."""

    id = "http"
    name = "HTTP check"
    icon = "🌐"
    category = "Monitoring"
    description = "Checks that a URL answers with the expected status (and text), and how fast."
    config_model = HttpCheckConfig
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=10, refresh=30),
        Endpoint("latency", "Latency", RendererKind.CHART, ttl=10, refresh=30),
        Endpoint("alert", "Down alert", RendererKind.ALERT, ttl=10, refresh=30),
    )

    async def check(self, ctx: Context) -> CheckResult:
        """The latest check, reused for a few seconds; one request at a time per app."""
        lock: asyncio.Lock = ctx.memo("check_lock", asyncio.Lock)
        async with lock:
            last: CheckResult | None = ctx.state.get("last_check")
            if last is not None and time.time() - last.checked_at < CHECK_REUSE:
                return last
            result = await run_check(ctx, ctx.config)
            ctx.state["last_check"] = result
            history: deque[CheckResult] = ctx.memo("history", lambda: deque(maxlen=HISTORY))
            history.append(result)
            return result

    async def test_connection(self, ctx: Context) -> str:
        ctx.state.pop("last_check", None)  # a test always asks the service again
        result = await self.check(ctx)
        if result.error is not None:
            raise result.error
        return f"Up: HTTP {result.status_code} in {result.latency_ms:g} ms"

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        from integrations.models import Stat, StatData

        result = await self.check(ctx)
        level = Severity.OK if result.up else Severity.CRITICAL
        return StatData(
            stats=[
                Stat(label="Status", value="up" if result.up else "down", level=level),
                Stat(label="Code", value=result.status_code, level=level),
                Stat(label="Latency", value=result.latency_ms, unit="ms"),
            ]
        )

    async def fetch_latency(self, ctx: Context, options: None) -> ChartData:
        from integrations.models import ChartData, Point, Series

        await self.check(ctx)
        history: deque[CheckResult] = ctx.state["history"]
        points = [
            Point(t=r.checked_at, v=r.latency_ms) for r in history if r.latency_ms is not None
        ]
        return ChartData(series=[Series(name="Latency", points=points)], unit="ms", y_min=0.0)

    async def fetch_alert(self, ctx: Context, options: None) -> FetchResult:
        from integrations.models import Alert, AlertData, FetchResult

        result = await self.check(ctx)
        alerts = []
        if not result.up:
            alerts.append(
                Alert(
                    severity=Severity.CRITICAL,
                    message=f"{ctx.app_name} is down: {result.reason}",
                    key=f"down:{ctx.base_url}",
                )
            )
        return FetchResult(
            data=AlertData(alerts=alerts, ok_text=f"{ctx.app_name} is up"), alerts=alerts
        )


INTEGRATION = HttpCheck()
