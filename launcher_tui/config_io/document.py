"""The configuration document: what ``config export`` writes and ``config apply`` reads.

One YAML (or JSON) document::

    version: 1
    settings: {title: My lab, theme: textual-dark}
    apps:
      - name: Sonarr
        url: http://nas:8989
        group: Media
        integration: sonarr
        settings: {api_key: env:LT_SONARR_API_KEY}
    boards:
      - name: Media
        columns: 4
        widgets:
          - {app: Sonarr, endpoint: queue, x: 0, y: 0, w: 2, h: 2}
    bookmarks:
      - {name: GitHub, url: https://github.com, group: Dev}

Secrets are never written in clear: a secret setting is a reference, ``env:NAME`` (read from the
environment when applied) or ``file:PATH`` (read from that file). ``SCHEMA_FILE`` is generated
from these models; ``tests/importers/test_config_io.py`` checks it is current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_FILE = Path(__file__).with_name("config.schema.json")
SECRET_REFERENCE = "env:NAME or file:PATH: secrets are never written in clear"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AppDoc(_Doc):
    """An app; ``settings`` are its integration settings (secrets as references)."""

    name: str = Field(min_length=1, max_length=100)
    url: str = ""
    group: str = ""
    icon: str = ""
    description: str = ""
    integration: str | None = None
    enabled: bool = Field(default=True, description="integration enabled (fetching)")
    verify_tls: bool = True
    ca_bundle: str | None = None
    status_check: bool = True
    settings: dict[str, Any] = Field(
        default_factory=dict, description=f"integration settings; secrets: {SECRET_REFERENCE}"
    )
    source: Literal["homepage", "docker"] | None = Field(
        default=None, description="where the app came from (import/discovery), for re-runs"
    )
    source_key: str | None = None
    user_edited: list[str] = Field(
        default_factory=list, description="fields changed by hand: re-imports keep them"
    )


class WidgetDoc(_Doc):
    """An app endpoint at a place on a board's grid."""

    app: str
    endpoint: str
    x: int = Field(ge=0)
    y: int = Field(ge=0)
    w: int = Field(default=1, ge=1)
    h: int = Field(default=1, ge=1)
    refresh: float | None = Field(default=None, description="seconds; null: the endpoint's")
    title: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class BoardDoc(_Doc):
    name: str = Field(min_length=1, max_length=100)
    columns: int = Field(default=4, ge=1, le=12)
    widgets: list[WidgetDoc] = Field(default_factory=list)


class BookmarkDoc(_Doc):
    name: str = Field(min_length=1, max_length=100)
    url: str
    group: str = ""
    icon: str = ""
    description: str = ""


class ConfigDocument(_Doc):
    """The whole configuration of a launcher-tui store."""

    version: Literal[1] = 1
    settings: dict[str, str] = Field(
        default_factory=dict, description="dashboard settings: title, theme, clock, …"
    )
    apps: list[AppDoc] = Field(default_factory=list)
    boards: list[BoardDoc] = Field(default_factory=list)
    bookmarks: list[BookmarkDoc] = Field(default_factory=list)


def json_schema() -> str:
    """The JSON Schema of :class:`ConfigDocument`, as committed in :data:`SCHEMA_FILE`."""
    schema = ConfigDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "launcher-tui configuration"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
