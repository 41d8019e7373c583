"""Finding integrations: built-in sub-packages and third-party entry points, loaded lazily.

Built-ins are the sub-packages of :mod:`integrations` (``integrations/sonarr/`` → id ``sonarr``);
third-party packages declare an entry point in the ``launcher_tui.integrations`` group whose
name is the id and whose value points at an :class:`~integrations.base.Integration` instance
(or class). Both are loaded the same way: only when asked for by id. :meth:`Registry.names`
reads directory listings and entry-point metadata and imports no integration at all.
"""

from __future__ import annotations

import functools
import importlib
import logging
import pkgutil
from typing import TYPE_CHECKING, Any, Protocol

import integrations

if TYPE_CHECKING:
    from importlib import metadata

    from integrations.base import Integration

ENTRY_POINT_GROUP = "launcher_tui.integrations"
log = logging.getLogger(__name__)

_FRAMEWORK_PACKAGES: frozenset[str] = frozenset()


class HasIntegrationType(Protocol):
    """Anything that names an integration (an app record, a target)."""

    integration_type: str | None


class IntegrationLoadError(ImportError):
    """An installed integration failed to import or is not a valid integration."""


@functools.cache
def _builtin_names(path: tuple[str, ...]) -> tuple[str, ...]:
    """Listed once per process (and package path): ~14 ms a call with 70 integrations, and
    every first ``get`` of an integration asked (issue #11: ~1 s when a form listed them all)."""
    return tuple(
        sorted(
            info.name
            for info in pkgutil.iter_modules(list(path))
            if info.ispkg and not info.name.startswith("_") and info.name not in _FRAMEWORK_PACKAGES
        )
    )


class Registry:
    """Integrations by id; see the module docstring for discovery rules."""

    def __init__(self) -> None:
        self._loaded: dict[str, Integration] = {}
        self._manual: set[str] = set()
        self.load_errors: dict[str, str] = {}

    # -- discovery (cheap) ----------------------------------------------------------------------

    @staticmethod
    def builtin_names() -> list[str]:
        """Sub-packages of ``integrations/`` (no import of any of them)."""
        return list(_builtin_names(tuple(integrations.__path__)))

    @staticmethod
    def entry_points() -> dict[str, metadata.EntryPoint]:
        """Third-party integrations declared by installed distributions."""
        from importlib import metadata  # ~40 ms: only when plug-ins are looked up

        return {ep.name: ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}

    def names_loaded(self) -> list[str]:
        """Ids of the integrations imported or registered in this process so far."""
        return sorted(self._loaded)

    def names(self) -> list[str]:
        """Every available integration id, sorted; imports nothing."""
        return sorted({*self.builtin_names(), *self.entry_points(), *self._loaded})

    # -- lookup ---------------------------------------------------------------------------------

    def register(
        self, integration: Integration | type[Integration], *, replace: bool = False
    ) -> Integration:
        """Register an integration object (or class, instantiated here) under its id."""
        obj = integration() if isinstance(integration, type) else integration
        from integrations.base import Integration  # (pydantic: imported when first needed)

        if not isinstance(obj, Integration) or not getattr(obj, "id", ""):
            raise TypeError(f"{integration!r} is not an Integration with an id")
        if obj.id in self._loaded and not replace and self._loaded[obj.id] is not obj:
            raise ValueError(f"integration '{obj.id}' is already registered")
        self._loaded[obj.id] = obj
        self._manual.add(obj.id)
        return obj

    def unregister(self, integration_id: str) -> None:
        """Forget an integration (tests use this to undo :meth:`register`)."""
        self._loaded.pop(integration_id, None)
        self._manual.discard(integration_id)

    def get(self, integration_id: str) -> Integration:
        """The integration with that id, importing it on first use.

        Raises :class:`UnknownIntegrationError` (naming what is installed) for an unknown id and
        :class:`IntegrationLoadError` when an installed one is broken.
        """
        if integration_id in self._loaded:
            return self._loaded[integration_id]
        if integration_id in self.builtin_names():
            obj = self._load(
                integration_id, lambda: importlib.import_module(f"integrations.{integration_id}")
            )
        else:
            ep = self.entry_points().get(integration_id)
            if ep is None:
                from integrations.errors import UnknownIntegrationError

                raise UnknownIntegrationError(integration_id, self.names())
            obj = self._load(integration_id, ep.load)
        self._loaded[integration_id] = obj
        return obj

    def list(self) -> list[Integration]:
        """Every integration, loaded; broken ones are skipped and recorded in ``load_errors``."""
        found = []
        for name in self.names():
            try:
                found.append(self.get(name))
            except IntegrationLoadError as exc:
                log.warning("%s", exc)
        return found

    def for_app(self, app: HasIntegrationType) -> Integration | None:
        """The integration an app is bound to (``None`` for a plain launcher entry)."""
        return self.get(app.integration_type) if app.integration_type else None

    def _load(self, integration_id: str, loader: Any) -> Integration:
        from integrations.base import Integration

        try:
            loaded = loader()
        except Exception as exc:  # a broken plugin must not take the app down
            self.load_errors[integration_id] = f"{type(exc).__name__}: {exc}"
            raise IntegrationLoadError(
                f"integration '{integration_id}' failed to load: {exc}"
            ) from exc
        obj = getattr(loaded, "INTEGRATION", loaded)
        if isinstance(obj, type) and issubclass(obj, Integration):
            obj = obj()
        if not isinstance(obj, Integration):
            self.load_errors[integration_id] = "not an Integration"
            raise IntegrationLoadError(
                f"integration '{integration_id}' does not provide an Integration (got {type(obj).__name__})"
            )
        if obj.id != integration_id:
            self.load_errors[integration_id] = f"declares id '{obj.id}'"
            raise IntegrationLoadError(
                f"integration '{integration_id}' declares a different id '{obj.id}'"
            )
        self.load_errors.pop(integration_id, None)
        return obj


registry = Registry()
"""The process-wide registry."""
