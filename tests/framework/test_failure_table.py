"""The one table of failure kinds, and the real reasons it gives for 401/403 and friends."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from integrations.base import config_credentials
from integrations.errors import (
    AuthError,
    BadResponseError,
    BadStatusError,
    ConfigError,
    ForbiddenError,
    IntegrationError,
    RateLimitedError,
    TimeoutError_,
    TLSError,
    UnreachableError,
)
from integrations.failures import FAILURES, KINDS, credential_hint, markdown_table
from integrations.registry import registry
from launcher_tui.cli.commands.connection import report
from launcher_tui.cli.errors import exit_code_for
from launcher_tui.cli.output import Output
from launcher_tui.runtime import ConnectionOutcome, Runtime, Target
from tests.framework.servers import RecordingServer
from tests.framework.test_credentials_stay_home import NOT_HTTP, _config
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT
from widgets.texts import error_text, field_for_error

README = Path(__file__).resolve().parents[2] / "README.md"
PROXY_403 = (
    "<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n"
    "</body></html>\n"
)


def test_every_error_class_has_a_row_and_the_readme_shows_the_table() -> None:
    for cls in (
        IntegrationError,
        UnreachableError,
        TimeoutError_,
        TLSError,
        AuthError,
        ForbiddenError,
        RateLimitedError,
        BadStatusError,
        BadResponseError,
        ConfigError,
    ):
        assert cls.code in FAILURES, cls
        assert cls.default_hint == FAILURES[cls.code].hint
    assert markdown_table() in README.read_text(), "README's failure table is out of date"


def test_cards_forms_and_cli_read_the_same_row() -> None:
    for kind in KINDS:
        assert error_text(kind.code) is kind
        fields = ["url", "api_key", "password"]
        attached = field_for_error(kind.code, fields, ["api_key"])
        assert attached == {"url": "url", "credentials": "api_key", "form": None}[kind.target]
        error = IntegrationError("x: failed", code=kind.code, integration="x")
        error.__class__ = type("E", (IntegrationError,), {"__module__": "integrations.demo"})
        assert exit_code_for(error) == kind.exit_code
        assert error.hint == kind.hint


def test_hints_name_only_the_credentials_an_integration_has() -> None:
    transmission = config_credentials(registry.get("transmission").config_model)
    assert transmission and "API key" not in credential_hint(transmission or ())
    assert "User name" in credential_hint(transmission or ())
    assert "API key" in credential_hint(config_credentials(registry.get("sonarr").config_model))
    assert config_credentials(registry.get("docker").config_model) == ()


@pytest.mark.parametrize(
    "integration_id",
    [i.id for i in registry.list() if i.id not in NOT_HTTP],
)
async def test_a_refusal_hint_never_names_a_field_the_integration_lacks(
    integration_id: str,
) -> None:
    """Every path answers 401: whatever the integration reports, its hint fits its schema."""
    integration = registry.get(integration_id)
    values, _ = _config(integration, ("", None))
    titles = set(config_credentials(integration.config_model) or ())
    with RecordingServer(status=401, body=b"Unauthorized") as server:
        runtime = Runtime()
        try:
            outcome = await runtime.test_connection(
                Target(
                    "t", "App", server.url, integration_id, config=values, timeout=REQUEST_TIMEOUT
                )
            )
        finally:
            await runtime.aclose()
    if outcome.ok:
        return  # a check that only reports the status (http): nothing to hint
    error = outcome.error
    assert error is not None
    if not titles:
        assert error.code != "invalid_auth", error.message  # nothing to refuse: a proxy rule
    for phrase in ("API key", "token", "password", "user name"):
        if phrase.lower() in error.hint.lower():
            assert any(phrase.lower() in t.lower() for t in titles), (phrase, error.hint)


async def test_qbittorrent_host_header_401_is_not_a_password_problem(
    loopback: LoopbackServer,
) -> None:
    """qBittorrent answers 401 when Host is not whitelisted; a wrong password is 200 "Fails."."""
    for path in ("/api/v2/auth/login", "/api/v2/app/version", "/api/v2/app/webapiVersion"):
        loopback.route("*", path, Response(401, "Unauthorized"))
    runtime = Runtime()
    try:
        outcome = await runtime.test_connection(
            Target(
                "q",
                "Qbt",
                loopback.url.replace("127.0.0.1", "localhost"),
                "qbittorrent",
                config={"password": "adminadmin"},
                timeout=REQUEST_TIMEOUT,
            )
        )
    finally:
        await runtime.aclose()
    error = outcome.error
    assert isinstance(error, ForbiddenError) and not isinstance(error, AuthError)
    assert error.code == "host_rejected"
    assert "before checking the password" in error.message and "'localhost'" in error.message
    assert "server domains" in error.hint or "Host header" in error.hint
    assert len(loopback.requests_to("/api/v2/auth/login")) == 1  # not retried as "expired"


async def test_docker_behind_a_socket_proxy_fails_the_test_and_quotes_the_proxy(
    loopback: LoopbackServer,
) -> None:
    loopback.json("GET", "/_ping", "OK")
    loopback.json("GET", "/version", {"Version": "27.3.1", "ApiVersion": "1.47"})
    loopback.route(
        "GET", "/containers/json", Response(403, PROXY_403, {"Content-Type": "text/html"})
    )
    runtime = Runtime()
    try:
        outcome = await runtime.test_connection(Target("d", "Docker", loopback.url, "docker"))
    finally:
        await runtime.aclose()
    assert not outcome.ok, "test-connection said OK while every card would fail"
    error = outcome.error
    assert isinstance(error, ForbiddenError) and error.code == "forbidden"
    assert "Request forbidden by administrative rules" in error.message
    assert "API key" not in error.hint and "credentials" not in error.hint
    assert "CONTAINERS=1" in error.hint


def test_the_cli_does_not_repeat_the_prefix() -> None:
    error = AuthError("sonarr: http://nas:8989/api refused the credentials", integration="sonarr")
    out = Output(stdout=(buffer := io.StringIO()), stderr=io.StringIO())
    target = Target("s", "Sonarr", "http://nas:8989", "sonarr")
    report(ConnectionOutcome(ok=False, error=error), target, out)
    first = buffer.getvalue().splitlines()[0]
    assert first.startswith("FAILED  Sonarr: http://nas:8989/api refused")
    assert not re.search(r"sonarr: sonarr:", first, re.IGNORECASE)
