"""Config schemas are built once per model, and every caller still gets its own copy."""

from __future__ import annotations

from integrations.registry import registry


def test_config_schema_is_a_private_copy_each_time() -> None:
    sonarr = registry.get("sonarr")
    first = sonarr.config_schema()
    assert "api_key" in first["properties"]
    first["properties"].clear()  # a caller editing its copy
    assert "api_key" in sonarr.config_schema()["properties"]
    assert sonarr.secret_fields() == ["api_key"]
    fields = sonarr.secret_fields()
    fields.append("oops")
    assert sonarr.secret_fields() == ["api_key"]
