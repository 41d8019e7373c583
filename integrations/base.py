"""The integration contract: what a service integration declares and implements.

An integration is a subclass of :class:`Integration` with class-level metadata (id, name, icon,
category, config schema, endpoints, actions) and async methods that talk to the service through a
:class:`Context`. It returns typed data from :mod:`integrations.models` and raises typed errors
from :mod:`integrations.errors`; it never imports Textual or the store.

A minimal integration::

    class Config(HttpConfig):
        api_key: SecretStr = Field(title="API key")

    class Sonarr(Integration):
        id = "sonarr"
        name = "Sonarr"
        config_model = Config
        endpoints = (Endpoint("queue", "Queue", RendererKind.LIST, ttl=10),)

        async def test_connection(self, ctx):
            status = await ctx.http.get_json("/api/v3/system/status")
            return f"Sonarr {status['version']}"

        async def fetch_queue(self, ctx, options):   # one ``fetch_<endpoint id>`` per endpoint
            ...
            return ListData(rows=[...])

    INTEGRATION = Sonarr()   # what the registry loads from ``integrations/sonarr/__init__.py``
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from integrations.errors import (
    BadResponseError,
    ConfigError,
    IntegrationError,
    UnknownEndpointError,
)
from integrations.failures import credential_titles, is_secret_schema
from integrations.kinds import RendererKind
from integrations.secret_rules import default_header_secrets, secret_field_names, secret_problem

if TYPE_CHECKING:
    from integrations.client import HttpClient
    from integrations.homepage import HomepageMapping
    from integrations.models import FetchResult
    from integrations.tls import TLSOptions

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class IntegrationConfig(BaseModel):
    """Base for every integration's config schema.

    Declare secrets as ``SecretStr`` (they are encrypted at rest, masked everywhere, rendered as
    password inputs); use ``Field(title=..., description=...)`` for form labels and help, and
    ``Literal``/``Enum`` for choices. The same model yields the CLI ``--set`` keys and the form.

    Plain text settings are stripped of surrounding whitespace; secrets are kept exactly as
    given, and refused when they cannot be sent (see :mod:`integrations.secret_rules`).
    ``header_secrets`` names the secret fields sent in an HTTP header (default: every secret
    not named like a password).
    """

    model_config = ConfigDict(extra="forbid")
    header_secrets: ClassVar[frozenset[str] | None] = None

    @model_validator(mode="before")
    @classmethod
    def _strip_plain_text(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        secrets = secret_field_names(cls.model_fields)
        return {
            key: value.strip() if isinstance(value, str) and key not in secrets else value
            for key, value in data.items()
        }

    @field_validator("*", mode="after")
    @classmethod
    def _secret_can_be_sent(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, SecretStr) or not value.get_secret_value():
            return value
        in_header = cls.header_secrets
        if in_header is None:
            in_header = default_header_secrets(secret_field_names(cls.model_fields))
        problem = secret_problem(value.get_secret_value(), header=info.field_name in in_header)
        if problem:
            raise PydanticCustomError("secret_unsendable", problem)
        return value


class HttpConfig(IntegrationConfig):
    """Base for HTTP APIs: the app URL is used unless the API lives elsewhere."""

    api_url: AnyHttpUrl | None = Field(
        default=None,
        title="API URL",
        description="Only if the API is not at the app URL (another port or path).",
    )


class NoConfig(IntegrationConfig):
    """For integrations that need nothing beyond the app URL."""


class EndpointOptions(BaseModel):
    """Base for per-widget options of an endpoint (e.g. a PromQL query)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True)
class Endpoint:
    """One data feed of an integration, drawn by one renderer kind.

    ``ttl`` is how long a fetched value stays fresh in the shared cache; ``refresh`` is the default
    interval a widget asks again. Cheap, fast-changing data (queues, speeds) get seconds; whole
    library counts get minutes.
    """

    id: str
    name: str
    kind: RendererKind
    ttl: float = 30.0
    refresh: float = 30.0
    description: str = ""
    options_model: type[EndpointOptions] | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly description (for ``launcher-tui integrations --json``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "renderer": str(self.kind),
            "ttl": self.ttl,
            "refresh": self.refresh,
            "description": self.description,
        }
        if self.options_model is not None:
            out["options_schema"] = self.options_model.model_json_schema()
        return out


@dataclass(frozen=True)
class Action:
    """Something a person can make the service do (pause all, resume all).

    ``confirm`` is the question the UI asks before running it; the CLI needs ``--yes``.
    """

    id: str
    label: str
    confirm: str
    key: str = ""  # suggested key binding in a widget, e.g. "p"

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "confirm": self.confirm, "key": self.key}


@dataclass
class Context:
    """Everything an integration call may use: the app, its validated config and a connection.

    One context lives per app for as long as the caller keeps it (the dashboard: while the app is
    configured; the CLI: one command), so ``state`` and login sessions survive between fetches.
    The HTTP client is created on first use, so non-HTTP integrations never pay for it.
    """

    app_id: str
    app_name: str
    url: str
    config: Any
    tls: TLSOptions
    integration_id: str = ""
    timeout: float = 10.0
    state: dict[str, Any] = field(default_factory=dict)
    _http: HttpClient | None = field(default=None, repr=False)
    _closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list, repr=False)

    @property
    def http(self) -> HttpClient:
        """The app's HTTP client, based at the app URL (or the config's ``api_url``)."""
        if self._http is None:
            self._http = self.make_http(self.base_url)
        return self._http

    @property
    def base_url(self) -> str:
        """Where the API lives: the config's ``api_url`` when it has one, else the app URL."""
        override = getattr(self.config, "api_url", None)
        return str(override).rstrip("/") if override else self.url.rstrip("/")

    def make_http(self, base_url: str, **kwargs: Any) -> HttpClient:
        """An extra client (another port, a unix socket) closed together with the context."""
        from integrations.client import HttpClient

        kwargs.setdefault("tls", self.tls)
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("integration", self.integration_id)
        kwargs.setdefault("credentials", config_credentials(type(self.config)))
        client = HttpClient(base_url, **kwargs)
        self._closers.append(client.aclose)
        return client

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        """Per-app object created once (a login session, a parsed version)."""
        if key not in self.state:
            self.state[key] = factory()
        return self.state[key]

    def on_close(self, closer: Callable[[], Awaitable[None]]) -> None:
        """Run ``closer`` when the context closes (e.g. log out of a session API)."""
        self._closers.insert(0, closer)

    def secret(self, name: str) -> str:
        """The clear value of a ``SecretStr`` config field ('' when unset)."""
        value = getattr(self.config, name, None)
        if value is None:
            return ""
        return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)

    async def aclose(self) -> None:
        """Close clients and sessions; errors while closing are not the caller's problem."""
        closers, self._closers = self._closers, []
        for closer in closers:
            with contextlib.suppress(Exception):
                await closer()
        self._http = None


class Integration:
    """Base class of every integration (see the module docstring for an example).

    Subclasses set the class attributes and implement ``test_connection`` plus one
    ``fetch_<endpoint id>(ctx, options)`` coroutine per endpoint (returning renderer data or a
    :class:`FetchResult` with alerts), or override :meth:`fetch_data` wholesale.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    icon: ClassVar[str] = "◆"
    category: ClassVar[str] = "Other"
    description: ClassVar[str] = ""
    docs_url: ClassVar[str] = ""
    needs_url: ClassVar[bool] = True
    config_model: ClassVar[type[IntegrationConfig]] = NoConfig
    endpoints: ClassVar[tuple[Endpoint, ...]] = ()
    actions: ClassVar[tuple[Action, ...]] = ()
    #: How Homepage widgets map onto this integration (None: by convention, see
    #: :mod:`integrations.homepage`).
    homepage: ClassVar[HomepageMapping | None] = None

    # -- what subclasses implement ------------------------------------------------------------

    async def test_connection(self, ctx: Context) -> str:
        """Prove the service answers and accepts the credentials; return a one-line summary
        (e.g. "Sonarr 4.0.14"). Raise an :class:`IntegrationError` subclass otherwise."""
        raise NotImplementedError

    async def fetch_data(
        self, ctx: Context, endpoint_id: str, options: EndpointOptions | None = None
    ) -> FetchResult:
        """Fetch one endpoint. The default dispatches to ``fetch_<endpoint_id>``."""
        endpoint = self.endpoint(endpoint_id)
        method = getattr(self, f"fetch_{endpoint.id}", None)
        if method is None:
            raise NotImplementedError(f"{type(self).__name__} lacks fetch_{endpoint.id}")
        result = await method(ctx, options)
        return self._as_result(endpoint, result)

    async def run_action(self, ctx: Context, action_id: str) -> str:
        """Run an action; the default dispatches to ``action_<action_id>``. Returns a summary."""
        action = self.action(action_id)
        method = getattr(self, f"action_{action.id}", None)
        if method is None:
            raise NotImplementedError(f"{type(self).__name__} lacks action_{action.id}")
        return await method(ctx)

    # -- helpers --------------------------------------------------------------------------------

    def endpoint(self, endpoint_id: str) -> Endpoint:
        """The endpoint with that id, or :class:`UnknownEndpointError` listing the valid ones."""
        for endpoint in self.endpoints:
            if endpoint.id == endpoint_id:
                return endpoint
        raise UnknownEndpointError(self.id, endpoint_id, [e.id for e in self.endpoints])

    def action(self, action_id: str) -> Action:
        """The action with that id, or :class:`UnknownEndpointError` listing the valid ones."""
        for action in self.actions:
            if action.id == action_id:
                return action
        raise UnknownEndpointError(self.id, action_id, [a.id for a in self.actions])

    def validate_config(self, values: dict[str, Any]) -> IntegrationConfig:
        """Validate raw config values; :class:`ConfigError` says which field is wrong."""
        try:
            return self.config_model.model_validate(values)
        except ValidationError as exc:
            raise ConfigError(
                f"{self.name}: invalid settings: {format_validation_error(exc)}",
                integration=self.id,
            ) from exc

    def validate_options(
        self, endpoint_id: str, values: dict[str, Any] | None
    ) -> EndpointOptions | None:
        """Validate a widget's options for an endpoint (``None`` when it takes none)."""
        model = self.endpoint(endpoint_id).options_model
        if model is None:
            return None
        try:
            return model.model_validate(values or {})
        except ValidationError as exc:
            raise ConfigError(
                f"{self.name} {endpoint_id}: invalid widget options: {format_validation_error(exc)}",
                hint="These belong to the widget, not the app: edit the card (e), or give them "
                "with --option KEY=VALUE (launcher-tui integrations "
                f"{self.id} lists them).",
                integration=self.id,
            ) from exc

    def config_schema(self) -> dict[str, Any]:
        """JSON Schema of the config; secrets carry ``"format": "password"`` and ``writeOnly``."""
        return copy.deepcopy(_model_schema(self.config_model))  # the caller's own copy

    def secret_fields(self) -> list[str]:
        """Names of the config fields that hold secrets."""
        return list(_secret_fields(self.config_model))

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly description (for ``launcher-tui integrations --json``)."""
        return {
            "id": self.id,
            "name": self.name,
            "icon": self.icon,
            "category": self.category,
            "description": self.description,
            "needs_url": self.needs_url,
            "endpoints": [e.to_dict() for e in self.endpoints],
            "actions": [a.to_dict() for a in self.actions],
            "config_schema": self.config_schema(),
            "secret_fields": self.secret_fields(),
        }

    def _as_result(self, endpoint: Endpoint, result: Any) -> FetchResult:
        from integrations.models import DATA_MODELS, FetchResult  # built on the first fetch

        if isinstance(result, FetchResult):
            data = result.data
        else:
            data, result = result, None
        expected = DATA_MODELS[endpoint.kind]
        if not isinstance(data, expected):
            raise TypeError(
                f"{self.id}.{endpoint.id} returned {type(data).__name__}, expected {expected.__name__}"
            )
        return result if result is not None else FetchResult(data=data)

    def __repr__(self) -> str:
        return f"<Integration {self.id}>"


@functools.cache
def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A config model's JSON Schema, built once per model.

    Building it costs milliseconds and the store asked for it on every app record it read
    (masking secrets): twice per card when a board was composed (issue #11).
    """
    return model.model_json_schema()


@functools.cache
def _secret_fields(model: type[BaseModel]) -> tuple[str, ...]:
    props = _model_schema(model).get("properties", {})
    return tuple(name for name, spec in props.items() if is_secret_schema(spec))


@functools.cache
def config_credentials(model: type) -> tuple[str, ...] | None:
    """Titles of a config model's credential fields (hints name only those); ``None``: unknown."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    return tuple(credential_titles(model.model_json_schema()))


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem: ``field: message``."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "value"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def parse_model(model: type[M], data: Any, *, integration: str, what: str) -> M:
    """Validate a service's answer against the shape we expect.

    A wrong shape (another version, a login page, an HTML error) becomes a
    :class:`BadResponseError` naming the integration and what was expected, never a traceback.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadResponseError(
            f"{integration}: unexpected answer for {what}: {format_validation_error(exc)}",
            integration=integration,
        ) from exc


async def maybe_await(value: Any) -> Any:
    """Await ``value`` if it is awaitable (lets helpers accept sync or async callables)."""
    if inspect.isawaitable(value):
        return await value
    return value


__all__ = [
    "Action",
    "Context",
    "Endpoint",
    "EndpointOptions",
    "HttpConfig",
    "Integration",
    "IntegrationConfig",
    "IntegrationError",
    "NoConfig",
    "format_validation_error",
    "is_secret_schema",
    "parse_model",
]
