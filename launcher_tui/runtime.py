"""Running integrations: contexts per app, fetches through the shared cache, typed outcomes.

The CLI and the dashboard both go through :class:`Runtime`; neither calls an integration
directly. It keeps one :class:`~integrations.base.Context` per app (so login sessions and HTTP
connections are reused), routes every fetch through the :class:`~launcher_tui.cache.TTLCache`
and turns whatever an integration raises into an :class:`~integrations.errors.IntegrationError`
— an integration's bug must never take the dashboard down.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from integrations.base import Context, Integration
from integrations.errors import IntegrationError
from integrations.registry import Registry
from integrations.registry import registry as default_registry
from integrations.tls import TLSOptions
from launcher_tui.cache import CacheEntry, TTLCache, cache_key

if TYPE_CHECKING:  # the data models are built on the first fetch, not for a connection test
    from integrations.models import Alert, FetchResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """An app as the runtime needs it: identity, URL, integration and its *decrypted* config.

    Only the service layer builds these (it owns decryption); they live in memory only.
    """

    app_id: str
    app_name: str
    url: str
    integration_id: str
    config: dict[str, Any] = field(default_factory=dict, repr=False)
    verify_tls: bool = True
    ca_bundle: str | None = None
    timeout: float = 10.0

    @property
    def tls(self) -> TLSOptions:
        return TLSOptions(verify=self.verify_tls, ca_bundle=self.ca_bundle)

    def fingerprint(self) -> tuple[Any, ...]:
        """Changes whenever anything that affects the connection changes."""
        return (
            self.url,
            self.integration_id,
            repr(sorted(self.config.items())),
            self.verify_tls,
            self.ca_bundle,
            self.timeout,
        )


@dataclass(frozen=True)
class ConnectionOutcome:
    """Result of a connection test: ``ok`` with a summary, or the typed error."""

    ok: bool
    summary: str = ""
    error: IntegrationError | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": self.ok, "summary": self.summary}
        if self.error is not None:
            out["error"] = self.error.to_dict()
        return out


def as_integration_error(exc: BaseException, integration_id: str) -> IntegrationError:
    """Any exception from an integration, as a typed error a person can read."""
    if isinstance(exc, IntegrationError):
        return exc
    log.exception("integration %s failed unexpectedly", integration_id, exc_info=exc)
    return IntegrationError(
        f"{integration_id}: internal error ({type(exc).__name__}: {exc})",
        hint="This is a bug in the integration; the log has details.",
        integration=integration_id,
    )


def with_source(result: FetchResult, source: str) -> FetchResult:
    """Stamp alerts that name no source with the app name, in ``alerts`` and in alert data."""
    from integrations.models import AlertData

    def stamp(alerts: list[Alert]) -> list[Alert]:
        return [a.model_copy(update={"source": a.source or source}) for a in alerts]

    update: dict[str, Any] = {"alerts": stamp(result.alerts)}
    if isinstance(result.data, AlertData):
        update["data"] = result.data.model_copy(update={"alerts": stamp(result.data.alerts)})
    return result.model_copy(update=update)


@dataclass(frozen=True)
class AlertCheck:
    """Alerts found across an app's endpoints, and the endpoints that could not be fetched."""

    alerts: list[Alert]
    failures: dict[str, IntegrationError]


class Runtime:
    """Contexts per app and cached fetches. Close it with :meth:`aclose`."""

    def __init__(self, cache: TTLCache | None = None, registry: Registry | None = None) -> None:
        self.cache = cache or TTLCache()
        self.registry = registry or default_registry
        self._contexts: dict[str, tuple[tuple[Any, ...], Context]] = {}
        self._closing: set[asyncio.Future[None]] = set()

    def integration(self, target: Target) -> Integration:
        return self.registry.get(target.integration_id)

    def context(self, target: Target) -> Context:
        """The app's context, rebuilt when its settings changed."""
        current = self._contexts.get(target.app_id)
        fingerprint = target.fingerprint()
        if current is not None and current[0] == fingerprint:
            return current[1]
        if current is not None:
            closing = asyncio.ensure_future(current[1].aclose())
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)
            self.cache.invalidate(f"{target.app_id}:")
        integration = self.integration(target)
        ctx = Context(
            app_id=target.app_id,
            app_name=target.app_name,
            url=target.url,
            config=integration.validate_config(target.config),
            tls=target.tls,
            integration_id=integration.id,
            timeout=target.timeout,
        )
        self._contexts[target.app_id] = (fingerprint, ctx)
        return ctx

    async def fetch(
        self,
        target: Target,
        endpoint_id: str,
        options: dict[str, Any] | None = None,
        *,
        force: bool = False,
    ) -> CacheEntry[FetchResult]:
        """One endpoint's data through the cache (stale value on failure when there is one).

        Raises :class:`IntegrationError` when the fetch failed and nothing was cached before.
        """
        integration = self.integration(target)
        endpoint = integration.endpoint(endpoint_id)
        parsed_options = integration.validate_options(endpoint_id, options)
        key = cache_key(target.app_id, endpoint_id, options)
        # Before the cache lookup: changed settings rebuild the context and drop the app's
        # cached data, or a value fetched with the old settings would still be served as fresh.
        ctx = self.context(target)

        async def load() -> FetchResult:
            try:
                result = await integration.fetch_data(ctx, endpoint_id, parsed_options)
            except Exception as exc:
                raise as_integration_error(exc, integration.id) from exc
            return with_source(result, target.app_name)

        return await self.cache.get(key, endpoint.ttl, load, force=force)

    async def test_connection(self, target: Target) -> ConnectionOutcome:
        """Run the integration's connection test; never raises for service failures."""
        try:
            integration = self.integration(target)
            ctx = self.context(target)
            summary = await integration.test_connection(ctx)
        except Exception as exc:
            return ConnectionOutcome(
                ok=False, error=as_integration_error(exc, target.integration_id)
            )
        return ConnectionOutcome(ok=True, summary=summary)

    async def run_action(self, target: Target, action_id: str) -> str:
        """Run an action (the caller has asked for confirmation); drops the app's cached data."""
        integration = self.integration(target)
        integration.action(action_id)
        try:
            summary = await integration.run_action(self.context(target), action_id)
        except Exception as exc:
            raise as_integration_error(exc, integration.id) from exc
        self.cache.invalidate(f"{target.app_id}:")
        return summary

    async def check_alerts(
        self,
        target: Target,
        widgets: Sequence[tuple[str, dict[str, Any] | None]] = (),
    ) -> AlertCheck:
        """Every alert the app's endpoints raise right now, and which endpoints failed.

        One failing endpoint does not hide the alerts of the others. Endpoints that take widget
        options are checked only as ``widgets`` (``(endpoint_id, options)`` of alert widgets).
        """
        from integrations.models import unique_alerts

        integration = self.integration(target)
        checks = [(e.id, None) for e in integration.endpoints if e.options_model is None]
        checks += list(widgets)
        results = await asyncio.gather(
            *(self.fetch(target, e, options) for e, options in checks), return_exceptions=True
        )
        alerts: list[Alert] = []
        failures: dict[str, IntegrationError] = {}
        for (endpoint_id, _), result in zip(checks, results, strict=True):
            if isinstance(result, asyncio.CancelledError):
                raise result
            if isinstance(result, BaseException):
                failures[endpoint_id] = as_integration_error(result, integration.id)
            else:
                alerts.extend(result.value.alerts)
        return AlertCheck(alerts=unique_alerts(alerts), failures=failures)

    async def alerts(self, target: Target) -> list[Alert]:
        """Alerts of every endpoint; raises the first failure if any endpoint failed."""
        check = await self.check_alerts(target)
        if check.failures:
            raise next(iter(check.failures.values()))
        return check.alerts

    async def forget(self, app_id: str) -> None:
        """Close an app's context and drop its cached data (app edited or removed)."""
        current = self._contexts.pop(app_id, None)
        self.cache.invalidate(f"{app_id}:")
        if current is not None:
            await current[1].aclose()

    async def aclose(self) -> None:
        """End the fetches in flight, then close every app's HTTP client."""
        await self.cache.aclose()
        contexts, self._contexts = self._contexts, {}
        for _, ctx in contexts.values():
            await ctx.aclose()
