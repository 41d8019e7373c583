"""Nginx Proxy Manager against a loopback server with bodies written from NPM's documented API.

NPM does not install here, so the bodies in ``fixtures/`` follow its backend's OpenAPI schema
(``schema/paths/tokens/post.json``, ``components/proxy-host-object.json``,
``components/certificate-object.json``) and error handler (``{"error": {"code", "message"}}``,
"Token has expired" from ``models/token.js``). The server below hands out numbered tokens and
can expire them, so the session handling is tested for real.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
EMAIL, PASSWORD = "admin@example.com", "changeme"
#: days until expiry given to the recorded certificates, relative to the test's "now"
CERT_DAYS = {1: 90, 2: 10, 3: 2, 4: -24}


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def certificates() -> list[dict[str, Any]]:
    certs = copy.deepcopy(fixture("certificates")["body"])
    now = datetime.now(UTC)
    for cert in certs:
        when = now + timedelta(days=CERT_DAYS[cert["id"]], hours=1)
        # cert 3 keeps NPM 2.9's "YYYY-MM-DD HH:MM:SS" format
        cert["expires_on"] = when.strftime("%Y-%m-%d %H:%M:%S") if cert["id"] == 3 else iso(when)
    return certs


class FakeNpm:
    """Issues tokens ``t1``, ``t2``...; API routes accept only the newest unexpired token."""

    def __init__(self, loopback: LoopbackServer, lifetime: timedelta = timedelta(days=1)) -> None:
        self.loopback = loopback
        self.lifetime = lifetime
        self.issued = 0
        self.expired: set[str] = set()
        loopback.route("POST", "/api/tokens", self.login)
        self.api("/api/nginx/proxy-hosts", fixture("proxy-hosts")["body"])
        self.api("/api/nginx/certificates", certificates())

    def login(self, request: Request) -> Response:
        body = request.json()
        if body != {"identity": EMAIL, "secret": PASSWORD}:
            wrong = fixture("token-wrong")
            return Response(wrong["status"], wrong["body"])
        self.issued += 1
        expires = datetime.now(UTC) + self.lifetime
        return Response(200, {"token": f"t{self.issued}", "expires": iso(expires)})

    def api(self, path: str, body: Any) -> None:
        def handler(request: Request) -> Response:
            token = (request.header("Authorization") or "").removeprefix("Bearer ")
            if token in self.expired:
                expired = fixture("token-expired")
                return Response(expired["status"], expired["body"])
            if token != f"t{self.issued}":
                return Response(401, {"error": {"code": 401, "message": "Permission Denied"}})
            return Response(200, body)

        self.loopback.route("GET", path, handler)


def target(url: str, password: str = PASSWORD) -> Target:
    config = {"username": EMAIL, "password": password}
    return Target("n", "NPM", url, "npm", config=config, timeout=REQUEST_TIMEOUT)


async def test_connection(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeNpm(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Nginx Proxy Manager: 3 proxy hosts"
    assert loopback.requests_to("/api/tokens")[0].json() == {"identity": EMAIL, "secret": PASSWORD}


async def test_wrong_password(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeNpm(loopback)
    outcome = await runtime.test_connection(target(loopback.url, password="nope"))
    assert isinstance(outcome.error, AuthError)
    assert "Invalid email or password" in outcome.error.message


async def test_two_factor_account_is_refused_clearly(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    loopback.json("POST", "/api/tokens", fixture("token-2fa")["body"])
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, AuthError) and "two-factor" in outcome.error.message


async def test_token_is_reused_until_it_expires(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeNpm(loopback)
    tgt = target(loopback.url)
    await fetch(runtime, tgt, "hosts")
    await fetch(runtime, tgt, "certificates")
    assert len(loopback.requests_to("/api/tokens")) == 1
    sent = loopback.requests_to("/api/nginx/certificates")[-1]
    assert sent.header("Authorization") == "Bearer t1"


async def test_short_lived_token_is_renewed_early(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    # a token valid for less than the 5-minute margin is used once, then replaced
    FakeNpm(loopback, lifetime=timedelta(minutes=2))
    tgt = target(loopback.url)
    await fetch(runtime, tgt, "hosts")
    await fetch(runtime, tgt, "hosts")
    assert len(loopback.requests_to("/api/tokens")) == 2


async def test_expired_token_logs_in_again_once(loopback: LoopbackServer, runtime: Runtime) -> None:
    npm = FakeNpm(loopback)
    tgt = target(loopback.url)
    await fetch(runtime, tgt, "hosts")
    npm.expired.add("t1")  # e.g. NPM restarted, or the clock moved on
    stats = {s.label: s.value for s in (await fetch(runtime, tgt, "hosts")).data.stats}
    assert stats["Total"] == 3
    assert len(loopback.requests_to("/api/tokens")) == 2
    assert loopback.requests_to("/api/nginx/proxy-hosts")[-1].header("Authorization") == "Bearer t2"


async def test_api_refusing_fresh_tokens_is_an_auth_error(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    FakeNpm(loopback)
    loopback.json("GET", "/api/nginx/proxy-hosts", fixture("token-expired")["body"], status=401)
    with pytest.raises(AuthError):
        await fetch(runtime, target(loopback.url), "hosts")
    assert len(loopback.requests_to("/api/tokens")) == 2  # one retry, no loop


async def test_hosts(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeNpm(loopback)
    stats = {
        s.label: s.value for s in (await fetch(runtime, target(loopback.url), "hosts")).data.stats
    }
    assert stats == {"Enabled": 2, "Disabled": 1, "Total": 3}


async def test_npm_29_integer_booleans(loopback: LoopbackServer, runtime: Runtime) -> None:
    npm = FakeNpm(loopback)
    hosts = copy.deepcopy(fixture("proxy-hosts")["body"])
    for host in hosts:
        host["enabled"] = int(host["enabled"])
    npm.api("/api/nginx/proxy-hosts", hosts)
    stats = {
        s.label: s.value for s in (await fetch(runtime, target(loopback.url), "hosts")).data.stats
    }
    assert stats == {"Enabled": 2, "Disabled": 1, "Total": 3}


async def test_certificate_list_soonest_first(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeNpm(loopback)
    data = (await fetch(runtime, target(loopback.url), "certificates")).data
    assert [(r.title, r.status, r.level) for r in data.rows] == [
        ("old.example.com", "expired", Severity.CRITICAL),
        ("Internal CA", "expiring", Severity.CRITICAL),
        ("jellyfin.example.com, tv.example.com", "expiring", Severity.WARNING),
        ("sonarr.example.com", "valid", Severity.OK),
    ]
    assert data.rows[0].detail.startswith("expired 23 days ago")
    assert data.rows[2].detail.startswith("expires in 10 days (")
    assert data.rows[2].detail.endswith("· letsencrypt")


async def test_certificate_alerts(loopback: LoopbackServer, runtime: Runtime) -> None:
    FakeNpm(loopback)
    result = await fetch(runtime, target(loopback.url), "cert_alerts")
    levels = {a.key: a.severity for a in result.alerts}
    assert levels == {
        "cert:2": Severity.WARNING,
        "cert:3": Severity.CRITICAL,
        "cert:4": Severity.CRITICAL,
    }
    assert result.data.severity is Severity.CRITICAL
    assert {a.key for a in await runtime.alerts(target(loopback.url))} == set(levels)


@pytest.mark.parametrize(
    "answer",
    [
        Response(
            200, "<!doctype html><html>Nginx Proxy Manager</html>", {"Content-Type": "text/html"}
        ),
        Response(200, {"proxy_hosts": []}),
        Response(200, [{"id": 1, "domain_names": ["a"]}]),
    ],
    ids=["admin-ui-html", "object", "host-without-enabled"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    FakeNpm(loopback)
    loopback.route("GET", "/api/nginx/proxy-hosts", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "hosts")
    assert "npm" in str(err.value)


async def test_login_answer_without_token(loopback: LoopbackServer, runtime: Runtime) -> None:
    loopback.json("POST", "/api/tokens", {"expires": "2026-01-01T00:00:00Z"})
    outcome = await runtime.test_connection(target(loopback.url))
    assert isinstance(outcome.error, BadResponseError)


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)
