"""The RPC path takes a path; a full URL there says which field takes the URL (issue 9 §5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.errors import ConfigError
from integrations.transmission.integration import INTEGRATION


@pytest.mark.parametrize(
    "value",
    ["http://nas:9091/transmission/", "https://nas/transmission/rpc", "//nas:9091/transmission/"],
)
def test_a_url_in_the_rpc_path_names_the_field_that_takes_it(value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        INTEGRATION.validate_config({"rpc_url": value})
    assert "rpc_url" in refused.value.message
    assert "app's URL" in refused.value.message and "API URL" in refused.value.message


@given(st.lists(st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True), max_size=3))
def test_any_plain_path_is_normalised_to_slashes(parts: list[str]) -> None:
    config = INTEGRATION.validate_config({"rpc_url": "/".join(parts)})
    assert config.rpc_url.startswith("/") and config.rpc_url.endswith("/")
    assert config.rpc_url.strip("/") == "/".join(parts).strip("/")
