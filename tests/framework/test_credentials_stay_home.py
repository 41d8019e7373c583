"""Credentials stay with their origin, for every registered integration and every auth style.

The service answers every request with a redirect to another origin (another port, and for the
https case also http: a downgrade), the way a forward-auth portal (Authelia, Authentik) in front
of an API does. The other origin records what it receives; it must never see a secret in any
form (header, query string, body, cookie, Basic auth), and the error must say where the redirect
pointed. Integrations are taken from the registry, so one added later is covered without
touching this file.

Excluded, because they open no HTTP connection a redirect could divert: ``nut`` (upsd's own
line protocol over TCP, which has no redirects) and ``system`` (reads this machine locally).
Docker over a unix socket has no origin to leave and no credentials; Docker over TCP/HTTP is
covered here like every other integration. Login sessions (qBittorrent, Deluge, NPM, Homebridge)
are covered: their login request is what gets redirected.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest

from integrations.base import Integration
from integrations.errors import ConfigError
from integrations.failures import USER_FIELDS, is_secret_schema
from integrations.registry import registry
from launcher_tui.runtime import Runtime, Target
from tests.framework.servers import RecordingServer, self_signed_cert
from tests.support.timeouts import REQUEST_TIMEOUT

NOT_HTTP = {"nut": "upsd line protocol over TCP", "system": "local, no network"}
CONFIG = {"proxmox": {"token_id": "root@pam!dashboard"}}
"""Plain settings whose format a schema cannot tell (secrets are always made up here)."""
OPTIONS = {"customapi": {"path": "/x", "values": "N=n"}}
"""Widget options whose format a schema cannot tell (the rest are made up from the schema)."""


def _sample(spec: dict[str, Any], defs: dict[str, Any]) -> Any:
    """A plausible value for a required schema property."""
    if "$ref" in spec:
        spec = defs.get(spec["$ref"].rsplit("/", 1)[-1], {})
    if "enum" in spec:
        return spec["enum"][0]
    if "const" in spec:
        return spec["const"]
    for option in spec.get("anyOf", []):
        if option.get("type") != "null":
            return _sample(option, defs)
    kind = spec.get("type")
    if kind == "integer":
        return max(1, int(spec.get("minimum", 1)))
    if kind == "number":
        return float(spec.get("minimum", 1.0))
    if kind == "boolean":
        return False
    if kind == "array":
        return [_sample(spec.get("items", {"type": "string"}), defs)]
    return "x"


def _auth_choices(schema: dict[str, Any]) -> list[tuple[str, Any]]:
    """``(field, value)`` for every choice of an auth-style field (``auth: basic|header|...``)."""
    choices = []
    for name, spec in schema.get("properties", {}).items():
        if "auth" in name and "enum" in spec:
            choices += [(name, value) for value in spec["enum"]]
    return choices or [("", None)]


def _config(integration: Integration, style: tuple[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Config values with every credential field set to a unique secret, plus the secrets."""
    schema = integration.config_schema()
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    values: dict[str, Any] = {}
    secrets: list[str] = []
    for name, spec in schema.get("properties", {}).items():
        if is_secret_schema(spec) or name in USER_FIELDS:
            value = f"Sx{len(secrets)}{name.replace('_', '')}Q7"
            values[name] = value
            secrets.append(value)
        elif name == style[0]:
            values[name] = style[1]
        elif name == "header_name":
            values[name] = "X-Custom-Key"
        elif name in required:
            values[name] = _sample(spec, defs)
    return {**values, **CONFIG.get(integration.id, {})}, secrets


def _options(integration: Integration, endpoint_id: str) -> dict[str, Any] | None:
    model = integration.endpoint(endpoint_id).options_model
    if model is None:
        return None
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    props = schema.get("properties", {})
    made = {name: _sample(props[name], defs) for name in schema.get("required", [])}
    return {**made, **OPTIONS.get(integration.id, {})}


def _cases() -> Iterator[Any]:
    for integration in registry.list():
        if integration.id in NOT_HTTP:
            continue
        for style in _auth_choices(integration.config_schema()):
            label = f"{integration.id}-{style[1]}" if style[0] else integration.id
            yield pytest.param(integration.id, style, id=label)


def secret_forms(secrets: list[str]) -> set[str]:
    """Every form a secret takes on the wire: raw, URL-encoded, and inside Basic auth."""
    forms = set()
    for secret in secrets:
        forms |= {secret, quote(secret, safe=""), quote_plus(secret)}
    for user, password in itertools.permutations([*secrets, ""], 2):
        forms.add(base64.b64encode(f"{user}:{password}".encode()).decode())
    return {form for form in forms if form}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed_cert(tmp_path_factory.mktemp("tls"))


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize(("integration_id", "style"), list(_cases()))
async def test_a_redirect_to_another_origin_carries_no_credential(
    integration_id: str,
    style: tuple[str, Any],
    scheme: str,
    certificate: tuple[Path, Path],
) -> None:
    integration = registry.get(integration_id)
    values, secrets = _config(integration, style)
    # integrations without credentials (caddy, docker, ...) still must not follow the redirect
    # 307 keeps the method and body (a login POST would be re-sent), 302 turns it into a GET
    status = 307 if scheme == "https" else 302
    with RecordingServer() as other:
        tls = certificate if scheme == "https" else None
        portal = f"{other.url}/login"
        with RecordingServer(status=status, redirect_to=portal, tls=tls) as service:
            target = Target(
                app_id=f"redirect-{integration_id}",
                app_name="App",
                url=service.url,
                integration_id=integration_id,
                config=values,
                ca_bundle=str(certificate[0]) if tls else None,
                timeout=REQUEST_TIMEOUT,
            )
            runtime = Runtime()
            errors: list[BaseException] = []
            unexercised: list[str] = []
            try:
                outcome = await runtime.test_connection(target)
                if outcome.error is not None:
                    errors.append(outcome.error)
                for endpoint in integration.endpoints:
                    options = _options(integration, endpoint.id)
                    try:
                        integration.validate_options(endpoint.id, options)
                    except ConfigError:
                        unexercised.append(endpoint.id)  # made-up options it refuses: no call
                        continue
                    try:
                        await runtime.fetch(target, endpoint.id, options, force=True)
                    except Exception as exc:  # each endpoint: what it raised is checked below
                        errors.append(exc)
            finally:
                await runtime.aclose()
            assert service.seen, f"the integration never called the service: {errors[:1]}"

    leaked = [
        (seen.method, form)
        for seen in other.seen
        for form in secret_forms(secrets)
        if form in seen.text()
    ]
    assert leaked == [], f"the other origin received secrets: {leaked}"
    assert other.seen == []  # stricter still: API calls do not follow cross-origin redirects
    assert len(unexercised) < len(integration.endpoints) or not integration.endpoints
    where = f"127.0.0.1:{other.port}"
    for error in errors:
        assert getattr(error, "code", "") == "redirected", error
        assert where in str(error), error
