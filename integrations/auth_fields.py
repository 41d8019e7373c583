"""HTTP authentication as config fields: none, Basic, bearer token, or a custom header.

Shared by integrations that talk to an arbitrary URL (the ``http`` check, ``customapi``): the
form and ``--set`` get the same five fields, the secrets are stored encrypted like any other,
and :func:`credentials` turns them into what :meth:`HttpClient.request` takes. This is also
where a login in the app URL (``http://user:pass@host``) goes on save — see
:mod:`launcher_tui.services.url_credentials`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import Field, SecretStr, model_validator

from integrations.base import HttpConfig

AuthKind = Literal["none", "basic", "header", "bearer"]

HEADER_NAME_CHARS = frozenset(
    "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
"""RFC 9110 token characters: everything a header name may hold."""


class HttpAuthConfig(HttpConfig):
    """Config base with the authentication fields (see module doc)."""

    auth: AuthKind = Field(
        default="none",
        title="Authentication",
        description="none; basic (user name + password); header (a header with the token, "
        "e.g. X-API-Key); bearer (Authorization: Bearer <token>).",
    )
    username: str = Field(default="", title="User name", description="For basic.")
    password: SecretStr | None = Field(default=None, title="Password", description="For basic.")
    header_name: str = Field(
        default="X-API-Key", title="Header name", description="For header: the header to send."
    )
    token: SecretStr | None = Field(
        default=None, title="Token", description="For header and bearer: the key or token."
    )

    @model_validator(mode="after")
    def _complete(self) -> HttpAuthConfig:
        if self.auth == "basic" and not self.username:
            raise ValueError("basic authentication needs a user name")
        if ":" in self.username:
            raise ValueError("the user name cannot contain ':' (Basic auth separates with it)")
        if self.auth in ("header", "bearer") and not (self.token and self.token.get_secret_value()):
            raise ValueError(f"{self.auth} authentication needs a token")
        if self.auth == "header" and (
            not self.header_name or not set(self.header_name) <= HEADER_NAME_CHARS
        ):
            raise ValueError(f"{self.header_name!r} is not a valid header name")
        return self


def credentials(
    config: HttpAuthConfig, secret: Callable[[str], str]
) -> tuple[dict[str, str], tuple[str, str] | None]:
    """``(headers, basic_auth)`` for a request; ``secret(name)`` reveals a secret field."""
    if config.auth == "basic":
        return {}, (config.username, secret("password"))
    if config.auth == "header":
        return {config.header_name: secret("token")}, None
    if config.auth == "bearer":
        return {"Authorization": f"Bearer {secret('token')}"}, None
    return {}, None


__all__ = ["HEADER_NAME_CHARS", "AuthKind", "HttpAuthConfig", "credentials"]
