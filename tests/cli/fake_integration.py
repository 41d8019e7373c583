"""``clitest``: a small integration without a network, registered by in-process CLI tests.

Its behaviour is driven by its settings, so a test states what the "service" does: ``level``
picks the alert it raises (or ``fail`` to be unreachable), and a wrong API key is refused with a
message that *echoes the key*, to prove the CLI's redaction net catches what an integration leaks.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, SecretStr

from integrations.base import (
    Action,
    Context,
    Endpoint,
    EndpointOptions,
    Integration,
    IntegrationConfig,
)
from integrations.errors import AuthError, UnreachableError
from integrations.models import (
    Alert,
    AlertData,
    FetchResult,
    GaugeData,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)

GOOD_KEY = "good-key-4d2c81f0"


class CliTestConfig(IntegrationConfig):
    api_key: SecretStr = Field(title="API key")
    level: Literal["ok", "info", "warning", "critical", "fail"] = Field("ok", title="Level")
    retries: int = Field(1, title="Retries")
    ratio: float = Field(0.5, title="Ratio")
    verbose: bool = Field(False, title="Verbose")
    tags: list[str] = Field(default_factory=list, title="Tags")


class ItemsOptions(EndpointOptions):
    limit: int = Field(3, ge=1, le=10, title="Limit")


class CliTest(Integration):
    id = "clitest"
    name = "CLI test"
    category = "Test"
    config_model = CliTestConfig
    endpoints = (
        Endpoint("numbers", "Numbers", RendererKind.STAT, ttl=5),
        Endpoint("usage", "Usage", RendererKind.GAUGE, ttl=5),
        Endpoint("items", "Items", RendererKind.LIST, ttl=5, options_model=ItemsOptions),
        Endpoint("status", "Status", RendererKind.ALERT, ttl=5),
    )
    actions = (Action("pause_all", "Pause all", "Pause everything?", key="p"),)
    calls: ClassVar[list[str]] = []

    def _check(self, ctx: Context) -> None:
        if ctx.config.level == "fail":
            raise UnreachableError("clitest: cannot connect to the fake service")
        key = ctx.secret("api_key")
        if key != GOOD_KEY:
            raise AuthError(f"clitest: the key {key} was refused")

    async def test_connection(self, ctx: Context) -> str:
        self._check(ctx)
        return f"CLI test 1.0 (retries={ctx.config.retries}, tags={','.join(ctx.config.tags)})"

    async def fetch_numbers(self, ctx: Context, options: None) -> StatData:
        self._check(ctx)
        return StatData(
            stats=[Stat(label="Wanted", value=3), Stat(label="Ratio", value=ctx.config.ratio)]
        )

    async def fetch_usage(self, ctx: Context, options: None) -> GaugeData:
        self._check(ctx)
        return GaugeData(label="Disk", value=91, warning=80, critical=95)

    async def fetch_items(self, ctx: Context, options: ItemsOptions | None) -> ListData:
        self._check(ctx)
        limit = options.limit if options else 3
        return ListData(rows=[ListRow(title=f"item {n}") for n in range(limit)], total=10)

    async def fetch_status(self, ctx: Context, options: None) -> FetchResult:
        self._check(ctx)
        level = ctx.config.level
        alerts = (
            []
            if level == "ok"
            else [Alert(severity=Severity(level), message=f"{level} raised", key="lvl")]
        )
        return FetchResult(data=AlertData(alerts=alerts), alerts=alerts)

    async def action_pause_all(self, ctx: Context) -> str:
        self._check(ctx)
        self.calls.append(f"pause_all:{ctx.app_name}")
        return "paused 3 items"
