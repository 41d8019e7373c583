"""Shapes of the Nginx Proxy Manager API answers we read (2.9+ up to 2.12's OpenAPI schema).

NPM 2.9 still sends booleans as 0/1 and dates as ``YYYY-MM-DD HH:MM:SS``; newer releases send
JSON booleans and ISO 8601 with ``Z``. Both parse into the same models.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, RootModel, field_validator


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Token(_Loose):
    """``POST /api/tokens``: a JWT and its expiry."""

    token: str
    expires: datetime

    @field_validator("expires", mode="after")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=UTC)


class TwoFactorChallenge(_Loose):
    """What accounts with two-factor authentication get instead of a token (2.13+)."""

    requires_2fa: bool
    challenge_token: str = ""


class ErrorBody(_Loose):
    class Detail(_Loose):
        code: int | None = None
        message: str = ""

    error: Detail


class ProxyHost(_Loose):
    id: int
    domain_names: list[str]
    forward_scheme: str = "http"
    forward_host: str = ""
    forward_port: int | None = None
    enabled: bool
    certificate_id: int | str | None = 0


class ProxyHosts(RootModel[list[ProxyHost]]):
    pass


class Certificate(_Loose):
    id: int
    provider: str = ""
    nice_name: str = ""
    domain_names: list[str] = []
    expires_on: datetime | None = None

    @field_validator("expires_on", mode="after")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=UTC) if value and not value.tzinfo else value

    @property
    def title(self) -> str:
        return self.nice_name or ", ".join(self.domain_names) or f"certificate {self.id}"


class Certificates(RootModel[list[Certificate]]):
    pass
