"""Declarative integrations: services whose widgets are "GET JSON with a key, show a few fields".

Most self-hosted services expose a JSON API behind one credential, and a dashboard shows a
handful of numbers and a list from it. Writing that out by hand per service is a page of
boilerplate; here it is a table::

    class Seerr(JsonIntegration):
        id = "seerr"
        name = "Seerr"
        aliases = ("overseerr", "jellyseerr")
        config_model = api_key_config("Settings → General → API Key.")
        auth = HeaderKey("X-Api-Key")
        probe = Probe("/api/v1/status", version="version")
        endpoints = (
            JsonStat("requests", "Requests", "/api/v1/request/count", fields=(
                StatField("Pending", "pending", warning_above=0),
                StatField("Approved", "approved"),
            )),
        )

    INTEGRATION = Seerr()

Paths into the answer use the custom API's path language (:mod:`integrations.customapi.paths`:
``data.items[0].value``, ``items[*].name``). A field whose path is missing from the answer is a
:class:`~integrations.errors.BadResponseError` naming the path and what was there instead — the
usual sign of another API version or a login page. Integrations with several API generations or
real logic subclass :class:`JsonIntegration` and override ``fetch_<endpoint>`` where needed;
the declared endpoints keep working beside them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, IntegrationConfig
from integrations.customapi.paths import FieldMissing, FieldPath, parse_path
from integrations.errors import BadResponseError
from integrations.models import (
    Alert,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
    worst,
)

# -- configs ----------------------------------------------------------------------------------


class ApiKeyConfig(HttpConfig):
    """An API key (where to find it is said by :func:`api_key_config`)."""

    api_key: SecretStr = Field(title="API key")


class OptionalBasicConfig(HttpConfig):
    """For APIs that may sit behind HTTP Basic auth: a user name and password, both optional.

    Subclasses that know where the user comes from (``stats auth`` in haproxy.cfg, ``allow`` in
    monitrc) override ``username`` to say so in its description.
    """

    username: str = Field(
        default="", title="User name", description="Only if it is behind HTTP Basic auth."
    )
    password: SecretStr | None = Field(default=None, title="Password")


def optional_basic(ctx: Context) -> tuple[str, str] | None:
    """``(user, password)`` for ``auth=`` when a user is configured, else ``None``."""
    return Basic(optional=True).credentials(ctx).basic


class UserPasswordConfig(HttpConfig):
    """A user name and password (HTTP Basic or a login form)."""

    username: str = Field(title="User name")
    password: SecretStr = Field(title="Password")


def api_key_config(where: str, *, title: str = "API key") -> type[IntegrationConfig]:
    """A config model with one required secret whose help text says where to find it."""

    class _Config(HttpConfig):
        api_key: SecretStr = Field(title=title, description=where)

    _Config.__name__ = _Config.__qualname__ = "ApiKeyConfig"
    return _Config


# -- authentication styles --------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    """What one request carries: extra headers, query parameters and Basic auth."""

    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    basic: tuple[str, str] | None = None

    def request_kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.headers:
            out["headers"] = dict(self.headers)
        if self.params:
            out["params"] = dict(self.params)
        if self.basic is not None:
            out["auth"] = self.basic
        return out


class AuthStyle:
    """How a service wants its credential; ``credentials(ctx)`` builds it from the config."""

    def credentials(self, ctx: Context) -> Credentials:
        return Credentials()


NoAuth = AuthStyle


@dataclass(frozen=True)
class HeaderKey(AuthStyle):
    """The secret in a header: ``X-Api-Key: …`` or, with a template, ``Authorization: Bearer …``."""

    header: str
    secret_field: str = "api_key"
    template: str = "{}"

    def credentials(self, ctx: Context) -> Credentials:
        return Credentials(
            headers={self.header: self.template.format(ctx.secret(self.secret_field))}
        )


def Bearer(secret_field: str = "api_key") -> HeaderKey:
    """``Authorization: Bearer <secret>``."""
    return HeaderKey("Authorization", secret_field, "Bearer {}")


@dataclass(frozen=True)
class QueryKey(AuthStyle):
    """The secret as a query parameter (``?apikey=…``), as the *arr family and SABnzbd take it."""

    param: str
    secret_field: str = "api_key"

    def credentials(self, ctx: Context) -> Credentials:
        return Credentials(params={self.param: ctx.secret(self.secret_field)})


@dataclass(frozen=True)
class Basic(AuthStyle):
    """HTTP Basic from a user name and a password field; ``optional``: none when no user is set
    (APIs that may or may not sit behind Basic auth)."""

    user_field: str = "username"
    password_field: str = "password"
    optional: bool = False

    def credentials(self, ctx: Context) -> Credentials:
        user = str(getattr(ctx.config, self.user_field, "") or "")
        if self.optional and not user:
            return Credentials()
        return Credentials(basic=(user, ctx.secret(self.password_field)))


# -- what to read -----------------------------------------------------------------------------


def number(value: Any) -> float | int | None:
    """A JSON value as a number: ints stay ints, numeric strings are parsed, the rest is None."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            parsed = float(value.strip())
        except ValueError:
            return None
        return int(parsed) if parsed.is_integer() and abs(parsed) < 2**53 else parsed
    return None


def whole_number(value: Any) -> int | None:
    """A JSON value as a whole count (see :func:`number`); ``None`` for NaN and infinities."""
    n = number(value)
    return int(n) if n is not None and not math.isnan(n) and not math.isinf(n) else None


@dataclass(frozen=True)
class StatField:
    """One labelled value of a stat card.

    ``path`` points into the answer; ``compute`` (instead of a path) derives the value from the
    whole answer. ``scale`` multiplies numbers (ms → s: 0.001). ``warning_above`` /
    ``critical_above`` colour the value and, for ``critical_above``, raise an alert naming it;
    ``*_below`` are the same for values where low is bad.
    """

    label: str
    path: str = ""
    unit: str = ""
    scale: float = 1.0
    compute: Callable[[Any], Any] | None = None
    warning_above: float | None = None
    critical_above: float | None = None
    warning_below: float | None = None
    critical_below: float | None = None
    text: bool = False  # keep the value as text (a version, a state name)
    optional: bool = False  # a missing path shows "—" instead of failing the card

    def read(self, answer: Any, what: str, integration: str) -> Any:
        if self.compute is not None:
            return self.compute(answer)
        try:
            raw = _path(self.path).resolve(answer)
        except FieldMissing as exc:
            if self.optional:
                return None
            raise _missing(exc, what, integration) from None
        if self.text:
            return None if raw is None else str(raw)
        value = number(raw)
        if value is None:
            return None if raw is None else str(raw)
        return value * self.scale if self.scale != 1.0 else value

    def stat(self, value: Any) -> Stat:
        """This field's :class:`Stat` for an already computed ``value``."""
        return Stat(label=self.label, value=value, unit=self.unit, level=self.level(value))

    def level(self, value: Any) -> Severity:
        if not isinstance(value, int | float) or (isinstance(value, float) and math.isnan(value)):
            return Severity.OK
        if (self.critical_above is not None and value > self.critical_above) or (
            self.critical_below is not None and value < self.critical_below
        ):
            return Severity.CRITICAL
        if (self.warning_above is not None and value > self.warning_above) or (
            self.warning_below is not None and value < self.warning_below
        ):
            return Severity.WARNING
        return Severity.OK


@dataclass(frozen=True)
class Probe:
    """The connection test: a GET whose answer proves the key works, and where its version is."""

    path: str
    version: str = ""  # path to a version string in the answer ('' = none)
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class JsonStat:
    """A stat endpoint: one GET, several :class:`StatField`\\ s."""

    id: str
    name: str
    path: str
    fields: tuple[StatField, ...]
    ttl: float = 30.0
    description: str = ""
    params: Mapping[str, str] = field(default_factory=dict)
    root: str = ""  # path of the object the fields are read from ('' = the whole answer)

    def endpoint(self) -> Endpoint:
        return Endpoint(self.id, self.name, RendererKind.STAT, ttl=self.ttl, refresh=self.ttl,
                        description=self.description or ", ".join(f.label for f in self.fields))  # fmt: skip


@dataclass(frozen=True)
class JsonList:
    """A list endpoint: one GET, one row per element of ``items`` (a path to a JSON array).

    ``title``/``detail``/``status`` are paths inside each element (``detail`` may list several,
    joined with " · "); ``levels`` maps status values to severities, and a row whose level is
    critical raises an alert ``"<title>: <status>"``.
    """

    id: str
    name: str
    path: str
    items: str
    title: str
    detail: tuple[str, ...] = ()
    status: str = ""
    levels: Mapping[str, Severity] = field(default_factory=dict)
    url: str = ""
    ttl: float = 30.0
    description: str = ""
    params: Mapping[str, str] = field(default_factory=dict)
    empty_text: str = "Nothing to show"
    limit: int = 50
    sort_worst_first: bool = True

    def endpoint(self) -> Endpoint:
        return Endpoint(self.id, self.name, RendererKind.LIST, ttl=self.ttl, refresh=self.ttl,
                        description=self.description or self.name)  # fmt: skip


Declared = JsonStat | JsonList


class JsonIntegration(Integration):
    """An :class:`Integration` whose endpoints are declared as :class:`JsonStat` /
    :class:`JsonList` (see the module docstring). ``endpoints`` is built from ``declared``."""

    auth: ClassVar[AuthStyle] = AuthStyle()
    probe: ClassVar[Probe | None] = None
    declared: ClassVar[tuple[Declared, ...]] = ()
    aliases: ClassVar[tuple[str, ...]] = ()
    product: ClassVar[str] = ""  # name in the connection summary (default: ``name``)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.declared and "endpoints" not in cls.__dict__:
            cls.endpoints = tuple(d.endpoint() for d in cls.declared)

    # -- requests -------------------------------------------------------------------------------

    async def get(self, ctx: Context, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET ``path`` (relative to the API URL) with the credential; the parsed JSON answer."""
        kwargs = self.auth.credentials(ctx).request_kwargs()
        if params:
            kwargs["params"] = {**kwargs.get("params", {}), **params}
        return await ctx.http.get_json(path, what=path, **kwargs)

    async def test_connection(self, ctx: Context) -> str:
        if self.probe is None:
            raise NotImplementedError(f"{type(self).__name__} declares no probe")
        answer = await self.get(ctx, self.probe.path, self.probe.params)
        label = self.product or self.name
        if not self.probe.version:
            return f"{label}: connected"
        try:
            version = _path(self.probe.version).resolve(answer)
        except FieldMissing as exc:
            raise _missing(exc, self.probe.path, self.id) from None
        return f"{label} {version}"

    async def fetch_data(self, ctx: Context, endpoint_id: str, options: Any = None) -> FetchResult:
        declared = next((d for d in self.declared if d.id == endpoint_id), None)
        if declared is None or getattr(self, f"fetch_{endpoint_id}", None) is not None:
            return await super().fetch_data(ctx, endpoint_id, options)
        answer = await self.get(ctx, declared.path, declared.params)
        if isinstance(declared, JsonStat):
            return self.stat_result(declared, answer)
        return self.list_result(declared, answer)

    # -- building renderer data (public: overriding fetchers reuse them) ------------------------

    def stat_result(self, declared: JsonStat, answer: Any) -> FetchResult:
        """The stat card (and critical-threshold alerts) for ``answer``."""
        if declared.root:
            try:
                answer = _path(declared.root).resolve(answer)
            except FieldMissing as exc:
                raise _missing(exc, declared.path, self.id) from None
        stats, alerts = [], []
        for spec in declared.fields:
            value = spec.read(answer, declared.path, self.id)
            stats.append(spec.stat(value))
            if stats[-1].level is Severity.CRITICAL:
                alerts.append(
                    Alert(
                        severity=Severity.CRITICAL,
                        key=f"{declared.id}:{spec.label}",
                        message=f"{spec.label}: {value}{' ' + spec.unit if spec.unit else ''}",
                    )
                )
        return FetchResult(data=StatData(stats=stats), alerts=alerts)

    def list_result(self, declared: JsonList, answer: Any) -> FetchResult:
        """The list (and alerts for rows in a critical state) for ``answer``."""
        try:
            elements = _path(declared.items).resolve(answer)
        except FieldMissing as exc:
            raise _missing(exc, declared.path, self.id) from None
        if isinstance(elements, dict):
            elements = list(elements.values())
        if not isinstance(elements, list):
            raise BadResponseError(
                f"{self.id}: unexpected answer for {declared.path}: "
                f"'{declared.items}' is {type(elements).__name__}, not a list",
                integration=self.id,
            )
        rows = [self._row(declared, element) for element in elements]
        if declared.sort_worst_first:
            rows.sort(key=lambda r: -r.level.rank)
        alerts = [
            Alert(
                severity=Severity.CRITICAL,
                key=f"{declared.id}:{r.title}",
                message=f"{r.title}: {r.status}",
            )
            for r in rows
            if r.level is Severity.CRITICAL
        ]
        data = ListData(
            rows=rows[: declared.limit], total=len(rows), empty_text=declared.empty_text
        )
        return FetchResult(data=data, alerts=alerts)

    def _row(self, declared: JsonList, element: Any) -> ListRow:
        title = _text(element, declared.title) or "(unnamed)"
        details = [d for d in (_text(element, p) for p in declared.detail) if d]
        status = _text(element, declared.status) if declared.status else ""
        level = declared.levels.get(status.lower(), Severity.OK) if status else Severity.OK
        url = _text(element, declared.url) if declared.url else ""
        return ListRow(
            title=title,
            detail=" · ".join(details),
            status=status,
            level=level,
            url=url if url.startswith(("http://", "https://")) else None,
        )


def worst_level(stats: list[Stat]) -> Severity:
    """The worst level among ``stats`` (for integrations that summarise a card)."""
    return worst([s.level for s in stats])


# -- internals ---------------------------------------------------------------------------------

_PATHS: dict[str, FieldPath] = {}


def _path(text: str) -> FieldPath:
    """Parsed paths are cached: declarations are fixed, so each is parsed once per process."""
    parsed = _PATHS.get(text)
    if parsed is None:
        parsed = _PATHS[text] = parse_path(text)
    return parsed


def _text(element: Any, path: str) -> str:
    if not path:
        return ""
    try:
        value = _path(path).resolve(element)
    except FieldMissing:
        return ""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _missing(exc: FieldMissing, what: str, integration: str) -> BadResponseError:
    available = ", ".join(exc.available[:8]) if getattr(exc, "available", None) else "nothing"
    return BadResponseError(
        f"{integration}: unexpected answer for {what}: no '{exc.path.text}' "
        f"(stopped at '{exc.stopped_at}'; found {available})",
        integration=integration,
    )


__all__ = [
    "ApiKeyConfig",
    "AuthStyle",
    "Basic",
    "Bearer",
    "Credentials",
    "HeaderKey",
    "JsonIntegration",
    "JsonList",
    "JsonStat",
    "NoAuth",
    "OptionalBasicConfig",
    "Probe",
    "QueryKey",
    "StatField",
    "UserPasswordConfig",
    "api_key_config",
    "number",
    "optional_basic",
    "whole_number",
]
