"""Nginx Proxy Manager: its REST API behind a JWT from ``POST /api/tokens``.

Login sends ``{"identity": email, "secret": password}`` and gets ``{"token", "expires"}`` (ISO
time, one day by default). The token is kept per app until five minutes before it expires
(:class:`NpmSession`); an API answer of 401 (``{"error": {"message": "Token has expired"}}``,
e.g. after NPM restarted with new keys) logs in once more. Wrong credentials are a 401 on the
login itself. NPM counts no sessions and has no endpoint to revoke a token (JWTs are
stateless), so there is nothing to release on exit: what matters is logging in once per token
lifetime, not once per fetch. Accounts with two-factor authentication get a challenge instead of a token and are
refused with a clear message: give the dashboard its own account without 2FA.

Certificates raise alerts keyed ``cert:<id>``: a warning when they expire within 14 days, critical
within 3 days or once expired.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.client import HttpClient, LoginSession
from integrations.errors import AuthError
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)
from integrations.npm.api import (
    Certificate,
    Certificates,
    ErrorBody,
    ProxyHosts,
    Token,
    TwoFactorChallenge,
)

ID = "npm"
WARNING_DAYS = 14
CRITICAL_DAYS = 3


class NpmConfig(HttpConfig):
    username: str = Field(
        min_length=1,
        title="Email",
        description="The e-mail address you log in to Nginx Proxy Manager with.",
    )
    password: SecretStr = Field(title="Password", description="The account's password.")


def _refusal(content: bytes) -> str:
    """NPM's own words from an error body (``{"error": {"message": ...}}``), if any."""
    try:
        return ErrorBody.model_validate(json.loads(content)).error.message
    except ValueError:
        return ""


class NpmSession(LoginSession):
    """``POST /api/tokens`` → ``Authorization: Bearer <jwt>`` until the token's expiry."""

    expired_statuses = (401,)
    expiry_margin = 300.0  # NPM's UI renews 5 minutes early too

    def __init__(self, identity: str, secret: str) -> None:
        super().__init__()
        self.identity = identity
        self.secret = secret

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        response = await http.request(
            "POST",
            "/api/tokens",
            json={"identity": self.identity, "secret": self.secret},
            ok_statuses=(400, 401),
        )
        if response.status_code in (400, 401):
            reason = _refusal(response.content) or f"HTTP {response.status_code}"
            raise AuthError(f"{ID}: login refused: {reason}", integration=ID)
        body = response.json("the login answer")
        if isinstance(body, dict) and body.get("requires_2fa"):
            parse_model(TwoFactorChallenge, body, integration=ID, what="the login")
            raise AuthError(
                f"{ID}: the account {self.identity} uses two-factor authentication",
                hint="Create an account without 2FA for the dashboard (a read-only user is "
                "enough).",
                integration=ID,
            )
        token = parse_model(Token, body, integration=ID, what="the login (POST /api/tokens)")
        lifetime = (token.expires - datetime.now(UTC)).total_seconds()
        return {"Authorization": f"Bearer {token.token}"}, max(lifetime, 1.0)


def session(ctx: Context) -> NpmSession:
    return ctx.memo("session", lambda: NpmSession(ctx.config.username, ctx.secret("password")))


async def _certificates(ctx: Context) -> list[Certificate]:
    body = await session(ctx).get_json(ctx.http, "/api/nginx/certificates", what="certificates")
    return parse_model(Certificates, body, integration=ID, what="/api/nginx/certificates").root


def days_left(cert: Certificate, now: datetime | None = None) -> float | None:
    if cert.expires_on is None:
        return None
    return (cert.expires_on - (now or datetime.now(UTC))).total_seconds() / 86400


def expiry_level(days: float | None) -> Severity:
    if days is None:
        return Severity.OK
    if days <= CRITICAL_DAYS:
        return Severity.CRITICAL
    if days <= WARNING_DAYS:
        return Severity.WARNING
    return Severity.OK


def describe_expiry(days: float | None) -> str:
    if days is None:
        return "no expiry date"
    if days < 0:
        return f"expired {int(-days)} days ago" if days <= -1 else "expired today"
    return f"expires in {int(days)} days" if days >= 1 else "expires today"


class Npm(Integration):
    id = ID
    name = "Nginx Proxy Manager"
    icon = "🔀"
    category = "Network"
    description = "Proxy hosts enabled and disabled; certificates about to expire."
    docs_url = "https://nginxproxymanager.com/"
    config_model = NpmConfig
    endpoints = (
        Endpoint("hosts", "Proxy hosts", RendererKind.STAT, ttl=120, refresh=120,
                 description="Proxy hosts enabled, disabled and in total."),
        Endpoint("certificates", "Certificates", RendererKind.LIST, ttl=600, refresh=600,
                 description="SSL certificates, soonest expiry first."),
        Endpoint("cert_alerts", "Expiring certificates", RendererKind.ALERT, ttl=600,
                 refresh=600, description=f"Warning {WARNING_DAYS} days before a certificate "
                 f"expires, critical {CRITICAL_DAYS} days before and once expired."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        hosts = await self._hosts(ctx)
        return f"Nginx Proxy Manager: {len(hosts.root)} proxy hosts"

    async def _hosts(self, ctx: Context) -> ProxyHosts:
        body = await session(ctx).get_json(ctx.http, "/api/nginx/proxy-hosts", what="proxy hosts")
        return parse_model(ProxyHosts, body, integration=ID, what="/api/nginx/proxy-hosts")

    async def fetch_hosts(self, ctx: Context, options: None) -> StatData:
        hosts = (await self._hosts(ctx)).root
        enabled = sum(h.enabled for h in hosts)
        return StatData(
            stats=[
                Stat(label="Enabled", value=enabled),
                Stat(label="Disabled", value=len(hosts) - enabled),
                Stat(label="Total", value=len(hosts)),
            ]
        )

    async def fetch_certificates(self, ctx: Context, options: None) -> ListData:
        now = datetime.now(UTC)
        certs = await _certificates(ctx)
        certs.sort(key=lambda c: (c.expires_on is None, c.expires_on or now))
        rows = []
        for cert in certs:
            days = days_left(cert, now)
            expiry = describe_expiry(days)
            if cert.expires_on is not None:
                expiry += f" ({cert.expires_on:%Y-%m-%d})"
            status = "expired" if days is not None and days < 0 else "valid"
            if status == "valid" and expiry_level(days) is not Severity.OK:
                status = "expiring"
            rows.append(
                ListRow(
                    title=cert.title,
                    detail=" · ".join(p for p in (expiry, cert.provider) if p),
                    status=status,
                    level=expiry_level(days),
                )
            )
        return ListData(rows=rows, total=len(rows), empty_text="No certificates")

    async def fetch_cert_alerts(self, ctx: Context, options: None) -> FetchResult:
        now = datetime.now(UTC)
        alerts = []
        for cert in await _certificates(ctx):
            days = days_left(cert, now)
            level = expiry_level(days)
            if level is Severity.OK:
                continue
            alerts.append(
                Alert(
                    severity=level,
                    message=f"Certificate {cert.title} {describe_expiry(days)}",
                    key=f"cert:{cert.id}",
                )
            )
        return FetchResult(
            data=AlertData(alerts=alerts, ok_text="No certificate expires soon"), alerts=alerts
        )


INTEGRATION = Npm()
