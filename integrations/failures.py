"""The one table of failure kinds: what went wrong, what to tell a person, and where.

Every typed error (:mod:`integrations.errors`) carries a ``code``; this table says, per code, the
short title a card shows, the sentence a form shows beside the field, the default hint, the CLI
exit code, and which form field the failure belongs to. The client, the cards
(:mod:`widgets.texts`), the forms and the CLI all read it, and the README's failure table is this
table. Kept free of httpx and Textual so every layer may import it.

Hints name only what an integration has: ``invalid_auth``'s hint is built from the integration's
config schema (Transmission has a user name and password, not an API key), see
:func:`credential_hint`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

FieldTarget = Literal["url", "credentials", "form"]

EXIT_FAILED = 1
EXIT_USAGE = 2
# The CLI's full exit-code list lives in launcher_tui/cli/errors.py; failures only use these two.


@dataclass(frozen=True)
class FailureKind:
    """How one kind of failure is presented everywhere."""

    code: str
    title: str
    """Short, e.g. "Cannot connect" (card error title, stale badge)."""
    message: str
    """The sentence a form shows next to the field the failure belongs to."""
    hint: str
    """What to do, when the error itself does not say better."""
    exit_code: int
    """The CLI's exit code for it."""
    target: FieldTarget
    """Which form field gets it: the URL, the credentials, or the form as a whole."""


_URL = "Check the URL and port, and that the service is running and reachable from here."

KINDS: tuple[FailureKind, ...] = (
    FailureKind(
        "cannot_connect",
        "Cannot connect",
        "Could not reach the service at this address.",
        _URL,
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "socket_denied",
        "Socket permission denied",
        "This user may not open the socket.",
        "Add this user to the socket's group (Docker: sudo usermod -aG docker $USER, then log "
        "in again), run with that group, or put a socket proxy in front and use its URL.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "socket_missing",
        "No socket",
        "Nothing listens at this socket path.",
        "Check that the service is running and the socket path is right.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "timeout",
        "Timed out",
        "The service did not answer in time.",
        "The service is slow or overloaded; check it, or raise the timeout.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "tls",
        "TLS error",
        "The secure connection failed.",
        "Check that the URL's port serves HTTPS and the TLS settings of this app.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "tls_untrusted",
        "Untrusted certificate",
        "The certificate is not signed by a trusted CA.",
        "For a self-signed certificate give the CA bundle, or turn off TLS verification for "
        "this app.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "tls_expired",
        "Certificate expired",
        "The service's certificate is outside its validity dates.",
        "Renew the certificate on the service (or check this machine's clock).",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "tls_name_mismatch",
        "Certificate name mismatch",
        "The certificate is for another name than the URL's host.",
        "Use the host name the certificate was issued for in the URL, or reissue the "
        "certificate with this name.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "tls_required",
        "Port speaks HTTPS",
        "This port expects HTTPS, the URL says http://.",
        "Use https:// in the URL.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "not_tls",
        "Port speaks plain HTTP",
        "The URL says https:// but this port speaks plain HTTP.",
        "Use http:// in the URL, or the service's HTTPS port.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "redirected",
        "Redirected elsewhere",
        "The URL redirects to another address (a login portal?).",
        "Let the API path bypass the login portal, or use the service's internal URL.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "invalid_auth",
        "Authentication failed",
        "The service refused these credentials.",
        "Check the credentials in the app's settings.",
        EXIT_FAILED,
        "credentials",
    ),
    FailureKind(
        "forbidden",
        "Forbidden",
        "The service or a proxy in front of it refuses this request.",
        "A proxy's or the service's access rules block this API path; allow it there.",
        EXIT_FAILED,
        "form",
    ),
    FailureKind(
        "host_rejected",
        "Request rejected",
        "The service rejected the request before looking at the credentials.",
        "Its Host-header or CSRF check failed: allow this host name in the service, use its "
        "IP address, or make the reverse proxy pass the original Host.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "rate_limited",
        "Rate limited",
        "The service is limiting requests or sessions.",
        "Wait before trying again; the dashboard waits as long as the service asks.",
        EXIT_FAILED,
        "form",
    ),
    FailureKind(
        "service_error",
        "Service error",
        "The service failed while answering.",
        "The problem is on the service's side: look at its own log.",
        EXIT_FAILED,
        "form",
    ),
    FailureKind(
        "bad_status",
        "Unexpected HTTP status",
        "The URL answered, but not like this service's API.",
        "Check that the URL points at the service's API (base path, reverse proxy).",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "too_large",
        "Response too large",
        "The answer is larger than any this service should send.",
        "The URL may point at a file or the wrong endpoint.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "bad_response",
        "Unexpected response",
        "The answer does not look like this service.",
        "The URL may point at another service, a login page or an unsupported version of it.",
        EXIT_FAILED,
        "url",
    ),
    FailureKind(
        "invalid_config",
        "Invalid settings",
        "Some settings are invalid.",
        "Edit the app and fix its integration settings.",
        EXIT_USAGE,
        "form",
    ),
    FailureKind(
        "error",
        "Error",
        "Something went wrong.",
        "See the message for details.",
        EXIT_FAILED,
        "form",
    ),
)
"""Every failure kind, in the order the README lists them."""

FAILURES: dict[str, FailureKind] = {kind.code: kind for kind in KINDS}
_FALLBACK = FAILURES["error"]

URL_FIELDS = ("url", "api_url", "docker_host")
"""Field names a failure with target ``url`` attaches to, first present wins."""
CREDENTIAL_FIELDS = ("api_key", "token", "password", "key", "username")
"""Field names a failure with target ``credentials`` attaches to, first present wins."""
USER_FIELDS = ("username", "user")
"""Non-secret fields that are part of a login."""


def failure(code: str) -> FailureKind:
    """The table row of ``code`` (a generic one for codes the table does not know)."""
    return FAILURES.get(code, _FALLBACK)


def hint_for(code: str) -> str:
    """The table's default hint of ``code``."""
    return failure(code).hint


def field_for_error(
    code: str, fields: Iterable[str], secret_fields: Iterable[str] = ()
) -> str | None:
    """The form field a failure attaches to, or ``None`` for a form-level message.

    ``invalid_auth`` goes to the first credential field present (``api_key``, ``token``,
    ``password``..., then any secret field); connection failures go to ``url``/``api_url``.
    """
    present = list(fields)
    target = failure(code).target
    if target == "url":
        candidates = [f for f in URL_FIELDS if f in present]
    elif target == "credentials":
        candidates = [f for f in CREDENTIAL_FIELDS if f in present]
        candidates += [f for f in secret_fields if f in present]
    else:
        candidates = []
    return candidates[0] if candidates else None


def is_secret_schema(spec: dict[str, Any]) -> bool:
    """Whether a JSON-schema property describes a secret (pydantic marks ``SecretStr`` so)."""
    if spec.get("format") == "password" or spec.get("writeOnly"):
        return True
    return any(is_secret_schema(s) for s in spec.get("anyOf", []) if isinstance(s, dict))


def credential_titles(schema: dict[str, Any]) -> list[str]:
    """Form titles of the fields of a config JSON schema that make up its credentials."""
    titles = []
    for name, spec in schema.get("properties", {}).items():
        if not isinstance(spec, dict):
            continue
        if is_secret_schema(spec) or name in USER_FIELDS:
            titles.append(str(spec.get("title") or name.replace("_", " ")))
    return titles


def credential_hint(titles: Iterable[str]) -> str:
    """``invalid_auth``'s hint naming the integration's own credential fields."""
    names = list(titles)
    if not names:
        return hint_for("invalid_auth")
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Check the {listed} in the app's settings."


def markdown_table() -> str:
    """The table as Markdown, for the README (a test keeps the README in step)."""
    lines = [
        "| kind | title | what the form says | hint | CLI exit | form field |",
        "|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        hint = kind.hint.replace("|", "\\|")
        lines.append(
            f"| `{kind.code}` | {kind.title} | {kind.message} | {hint} | {kind.exit_code} "
            f"| {kind.target} |"
        )
    return "\n".join(lines)


__all__ = [
    "CREDENTIAL_FIELDS",
    "FAILURES",
    "KINDS",
    "URL_FIELDS",
    "FailureKind",
    "FieldTarget",
    "credential_hint",
    "credential_titles",
    "failure",
    "field_for_error",
    "hint_for",
    "is_secret_schema",
    "markdown_table",
]
