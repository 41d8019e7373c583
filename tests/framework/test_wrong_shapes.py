"""Every endpoint of every integration, against a service that answers something else.

A URL pointing at the wrong service, a login portal, a proxy's error page or an empty body must
end in a typed error the card and the CLI can explain (or, for integrations that accept any
answer such as the HTTP check, in data of the endpoint's kind) — never in an "internal error"
from an exception the integration did not expect. Integrations come from the registry, so one
added later is covered without touching this file.
"""

from __future__ import annotations

import pytest

from integrations.errors import IntegrationError
from integrations.models import FetchResult
from integrations.registry import registry
from launcher_tui.runtime import Runtime, Target
from tests.framework.servers import RecordingServer
from tests.framework.test_credentials_stay_home import NOT_HTTP, _auth_choices, _config, _options
from tests.support.timeouts import REQUEST_TIMEOUT

BODIES = {
    "unrelated-json": b'{"html": "<title>Sign in</title>", "items": "none", "data": 7}',
    "json-list": b'[1, "two", null, {"x": []}]',
    "html-login-page": b"<!doctype html><html><head><title>Sign in</title></head></html>",
    "empty": b"",
}
INTEGRATIONS = sorted(i.id for i in registry.list() if i.id not in NOT_HTTP)


@pytest.mark.parametrize("body", sorted(BODIES))
@pytest.mark.parametrize("integration_id", INTEGRATIONS)
async def test_a_wrong_answer_is_a_typed_error_never_a_crash(
    integration_id: str, body: str
) -> None:
    integration = registry.get(integration_id)
    config, _ = _config(integration, _auth_choices(integration.config_schema())[0])
    runtime = Runtime()
    try:
        with RecordingServer(body=BODIES[body]) as server:
            target = Target(
                "w", "Wrong", server.url, integration_id, config=config, timeout=REQUEST_TIMEOUT
            )
            outcome = await runtime.test_connection(target)
            if outcome.error is not None:
                assert "internal error" not in str(outcome.error), outcome.error
            for endpoint in integration.endpoints:
                options = _options(integration, endpoint.id)
                try:
                    entry = await runtime.fetch(target, endpoint.id, options, force=True)
                except IntegrationError as exc:
                    assert "internal error" not in str(exc), f"{endpoint.id}: {exc}"
                else:
                    assert isinstance(entry.value, FetchResult), endpoint.id
    finally:
        await runtime.aclose()
