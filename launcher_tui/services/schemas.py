"""The shapes the service layer accepts (``*Input``, ``*Update``) and returns (``*Record``).

Inputs are validated by the services (pass a dict or a model; errors come back as
:class:`~launcher_tui.services.errors.ValidationFailed` with a field → message dict). Records
never hold a secret in clear: configs are masked and carry a ``config_state``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from launcher_tui.services.rules import (
    MAX_COLUMNS,
    MIN_REFRESH_SECONDS,
    check_ca_bundle,
    check_name,
    check_url,
)

Name = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(check_name)]
Url = Annotated[str, Field(max_length=2000), AfterValidator(check_url)]
CaBundle = Annotated[str | None, AfterValidator(check_ca_bundle)]
Ref = int | str


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AppInput(_Input):
    """A new app. ``config`` holds the integration settings (secrets in clear, or SecretStr)."""

    name: Name
    url: Url = ""
    group: str = Field(default="", max_length=100)
    icon: str = Field(default="", max_length=20)
    description: str = Field(default="", max_length=500)
    sort_order: int | None = None  # None: after the last app
    integration: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    integration_enabled: bool = True
    verify_tls: bool = True
    ca_bundle: CaBundle = None


class AppUpdate(_Input):
    """Changes to an app; only the fields given are changed.

    ``config`` is merged onto the stored settings: a secret left empty/None/masked keeps the
    stored one, another key set to None goes back to its default. Giving ``integration``
    (another id) replaces the settings; ``integration=None`` unbinds the app.
    """

    name: Name | None = None
    url: Url | None = None
    group: str | None = Field(default=None, max_length=100)
    icon: str | None = Field(default=None, max_length=20)
    description: str | None = Field(default=None, max_length=500)
    sort_order: int | None = None
    integration: str | None = None
    config: dict[str, Any] | None = None
    integration_enabled: bool | None = None
    verify_tls: bool | None = None
    ca_bundle: CaBundle = None


ConfigState = Literal["none", "ok", "undecryptable", "corrupt"]


class AppRecord(BaseModel):
    """An app as callers see it: ``config`` is masked, ``config_state`` says if it is usable."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    url: str
    group: str
    icon: str
    description: str
    sort_order: int
    integration: str | None
    integration_enabled: bool
    verify_tls: bool
    ca_bundle: str | None
    config: dict[str, Any]
    secret_fields: list[str]
    config_state: ConfigState
    config_message: str
    source: str | None = None  # None (typed in), "homepage" (imported), "docker" (discovered)
    source_key: str | None = None
    user_edited: list[str] = Field(default_factory=list)  # fields changed by hand
    status_check: bool = True  # reachability check of the URL (the status dot)
    created_at: datetime
    updated_at: datetime


class BoardInput(_Input):
    name: Name
    columns: int = Field(default=4, ge=1, le=MAX_COLUMNS)
    sort_order: int | None = None


class BoardRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    columns: int
    sort_order: int
    widget_count: int


class WidgetInput(_Input):
    """A new widget: ``endpoint`` must be one of the app's integration endpoints.

    ``x``/``y`` left out: the widget goes to the first free place. ``refresh_interval`` None:
    the endpoint's default.
    """

    board: Ref
    app: Ref
    endpoint: str = Field(min_length=1)
    x: int | None = Field(default=None, ge=0)
    y: int | None = Field(default=None, ge=0)
    w: int = Field(default=1, ge=1, le=MAX_COLUMNS)
    h: int = Field(default=1, ge=1, le=50)
    refresh_interval: float | None = Field(default=None, ge=MIN_REFRESH_SECONDS, le=86400)
    options: dict[str, Any] = Field(default_factory=dict)
    title: str | None = Field(default=None, max_length=100)


class WidgetUpdate(_Input):
    """Changes to a widget in place; a field left out keeps its value.

    ``refresh_interval`` or ``title`` given as ``None`` go back to the default (the endpoint's
    interval, the derived title). ``options`` replaces the options as a whole.
    """

    x: int | None = Field(default=None, ge=0)
    y: int | None = Field(default=None, ge=0)
    w: int | None = Field(default=None, ge=1, le=MAX_COLUMNS)
    h: int | None = Field(default=None, ge=1, le=50)
    refresh_interval: float | None = Field(default=None, ge=MIN_REFRESH_SECONDS, le=86400)
    options: dict[str, Any] | None = None
    title: str | None = Field(default=None, max_length=100)


class WidgetRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    board_id: int
    board: str
    app_id: int
    app: str
    endpoint: str
    kind: str
    x: int
    y: int
    w: int
    h: int
    refresh_interval: float | None
    effective_refresh: float
    options: dict[str, Any]
    title: str | None = None
    """The card's own title (``None``: derived from endpoint and app)."""
