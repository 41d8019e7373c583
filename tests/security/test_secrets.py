"""Secrets stay secret in every form, and are stored and sent exactly as given (issue #8 §5)."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import SecretStr, ValidationError

from integrations.registry import registry
from integrations.secret_rules import is_secret_annotation
from launcher_tui.cli.output import MASK, Output
from launcher_tui.services import Services, open_services
from launcher_tui.services.errors import ValidationFailed

secrets_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=4, max_size=30
).filter(lambda s: s.strip() == s and len(set(s)) > 2)


@settings(max_examples=300, deadline=None)
@given(secret=secrets_text, username=st.text(alphabet="abcdefgh", min_size=1, max_size=8))
def test_redaction_knows_every_form_a_secret_takes(secret: str, username: str) -> None:
    stream = io.StringIO()
    out = Output(stdout=stream, stderr=stream)
    out.add_basic_auth(username, secret)
    forms = {
        "raw": secret,
        "repr": repr(secret)[1:-1],
        "bytes repr": repr(secret.encode())[2:-1],
        "json": json.dumps(secret)[1:-1],
        "basic": base64.b64encode(f"{username}:{secret}".encode()).decode(),
    }
    for name, form in forms.items():
        out.error(f"service answered: Authorization: Basic {form} | {name}")
        out.json({"echo": f"<{form}>"})
    written = stream.getvalue()
    for name, form in forms.items():
        assert form not in written, f"the {name} form of the secret was printed"


def _integrations_with_secrets() -> list[tuple[str, str]]:
    return [
        (integration.id, name)
        for integration in registry.list()
        for name, info in integration.config_model.model_fields.items()
        if is_secret_annotation(info.annotation)
    ]


def _minimal_config(model: Any, secret_field: str, secret: str) -> dict[str, Any]:
    """The required fields filled with plausible values, ``secret_field`` set to ``secret``."""
    values: dict[str, Any] = {secret_field: secret}
    for name, info in model.model_fields.items():
        if name in values or not info.is_required():
            continue
        annotation = info.annotation
        args = typing.get_args(annotation)
        if typing.get_origin(annotation) is typing.Literal:
            values[name] = args[0]
        elif is_secret_annotation(annotation):
            values[name] = "other-secret"
        elif "Url" in str(annotation):
            values[name] = "http://127.0.0.1:1/"
        elif annotation in (int, float):
            values[name] = 1
        else:
            values[name] = "admin"
    return values


@pytest.mark.parametrize(("integration_id", "field"), _integrations_with_secrets())
def test_every_secret_field_is_kept_verbatim(integration_id: str, field: str) -> None:
    model = registry.get(integration_id).config_model
    secret = "  lead and trail  "
    assert not model.model_config.get("str_strip_whitespace")
    try:
        config = model.model_validate(_minimal_config(model, field, secret))
    except ValidationError as exc:  # the model's own rules want more than plausible values
        assert all(err["loc"][:1] != (field,) for err in exc.errors()), exc
        return
    value = getattr(config, field)
    assert isinstance(value, SecretStr) and value.get_secret_value() == secret


@pytest.mark.parametrize(("integration_id", "field"), _integrations_with_secrets())
def test_every_secret_field_refuses_what_cannot_be_sent(integration_id: str, field: str) -> None:
    model = registry.get(integration_id).config_model
    with pytest.raises(ValidationError) as caught:
        model.model_validate(_minimal_config(model, field, "first-line\nsecond-line"))
    problems = {err["loc"]: err["msg"] for err in caught.value.errors()}
    assert "line break" in problems[(field,)]
    assert "first-line" not in str(problems)  # the message never quotes the secret


def test_a_header_secret_must_be_ascii_a_password_need_not() -> None:
    model = registry.get("customapi").config_model
    with pytest.raises(ValidationError, match="non-ASCII"):
        model.model_validate({"auth": "header", "token": "NA-SECR\u00c9T"})
    config = model.model_validate({"auth": "basic", "username": "u", "password": "caf\u00e9"})
    assert config.password.get_secret_value() == "caf\u00e9"


@pytest.fixture
def services(isolated_dirs: Path) -> typing.Iterator[Services]:
    opened = open_services()
    yield opened
    opened.close()


def test_a_login_in_the_app_url_moves_into_the_encrypted_settings(isolated_dirs: Path) -> None:
    services = open_services()
    record = services.apps.add(
        {"name": "Up", "url": "http://admin:URL-SECRET-7@127.0.0.1:9/", "integration": "http"}
    )
    assert record.url == "http://127.0.0.1:9/"
    assert record.config["username"] == "admin" and record.config["password"] == MASK
    assert record.config["auth"] == "basic"
    target = services.apps.target("Up")
    assert target.config["password"] == "URL-SECRET-7" and "URL-SECRET-7" not in target.url
    edited = services.apps.update("Up", {"url": "http://bob:p%40ss@127.0.0.1:10/"})
    assert edited.url == "http://127.0.0.1:10/"
    assert services.apps.target("Up").config["password"] == "p@ss"
    services.close()
    for path in Path(isolated_dirs).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"URL-SECRET-7" not in data and b"p@ss" not in data, path


@pytest.mark.parametrize("integration", [None, "sonarr"])
def test_a_login_in_the_url_of_an_app_that_takes_none_is_refused(
    services: Services, integration: str | None
) -> None:
    payload: dict[str, Any] = {"name": "X", "url": "http://u:CLEAR-PW@127.0.0.1:9/"}
    if integration:
        payload |= {"integration": integration, "config": {"api_key": "k" * 32}}
    with pytest.raises(ValidationFailed) as caught:
        services.apps.add(payload)
    assert "password" in caught.value.errors["url"]
    assert "CLEAR-PW" not in str(caught.value.errors)


LOGGING_SCRIPT = """
import logging, sys
from launcher_tui.cli.output import Output, install_log_handler
install_log_handler(Output(), debug=sys.argv[1] == "debug")
try:
    raise ValueError("boom")
except ValueError:
    logging.getLogger("launcher_tui.runtime").exception("integration failed unexpectedly")
"""


@pytest.mark.parametrize("mode", ["plain", "debug"])
def test_no_traceback_on_stderr_without_debug(mode: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOGGING_SCRIPT, mode], capture_output=True, text=True, check=True
    )
    assert ("Traceback (most recent call last)" in done.stderr) == (mode == "debug")
