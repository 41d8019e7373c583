"""Apps: validated, configs encrypted on write, masked on read, decrypted only for the runtime."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import peewee

from launcher_tui import crypto
from launcher_tui.services import configs, edited
from launcher_tui.services.errors import (
    ConfigUnavailable,
    NoIntegration,
    ValidationFailed,
    parse_input,
)
from launcher_tui.services.keys import KeyRing
from launcher_tui.services.lookup import check_unique, delete_returning, find_app
from launcher_tui.services.url_credentials import mask_login, move_login
from launcher_tui.store import Store
from launcher_tui.store.models import App, utcnow

if TYPE_CHECKING:
    from integrations.base import Integration
    from integrations.registry import Registry
    from launcher_tui.runtime import Target
    from launcher_tui.services.schemas import AppInput, AppRecord, AppUpdate, Ref

_PLAIN_FIELDS = ("url", "group", "icon", "description")


class AppService:
    """The only way to read or change apps."""

    def __init__(self, store: Store, keyring: KeyRing, registry: Registry) -> None:
        self.store = store
        self.keyring = keyring
        self.registry = registry

    # -- reading ------------------------------------------------------------------------------

    def list(self) -> list[AppRecord]:
        """Every app, in display order (sort order, then name)."""
        with self.store.read():
            return [self._record(row) for row in App.select().order_by(App.sort_order, App.name)]

    def get(self, ref: Ref) -> AppRecord:
        """One app by id or name; :class:`NotFound` lists the known names."""
        with self.store.read():
            return self._record(find_app(ref))

    def integration_of(self, ref: Ref) -> str | None:
        """The integration id of one app (``None``: none); :class:`NotFound` as :meth:`get`.

        What a board card needs to find its endpoint: no decryption and no record, which
        :meth:`get` builds (~4 ms an app, paid for every app at start-up; issue #11).
        """
        with self.store.read():
            return find_app(ref).integration_type or None

    def target(self, ref: Ref) -> Target:
        """What the runtime needs to talk to the app, with the config *decrypted*.

        Raises :class:`ConfigUnavailable` when the app has no integration or its settings
        cannot be decrypted. Keep the result in memory; never print or log its config.
        """
        from launcher_tui.runtime import Target

        with self.store.read():
            row = find_app(ref)
            opened = self.keyring.open(row.integration_config, row.id)
        if not row.integration_type:
            raise NoIntegration(f"App '{row.name}' has no integration.")
        if opened.state in ("undecryptable", "corrupt"):
            raise ConfigUnavailable(f"App '{row.name}': {opened.message}.")
        return Target(
            app_id=str(row.id),
            app_name=row.name,
            url=row.url,
            integration_id=row.integration_type,
            config=opened.config or {},
            verify_tls=row.verify_tls,
            ca_bundle=row.ca_bundle,
        )

    def targets(self) -> list[Target]:
        """Targets of every enabled app whose integration settings are usable."""
        with self.store.read():
            refs = [
                row.id
                for row in App.select(App.id, App.integration_config, App.integration_type)
                .where(App.integration_type.is_null(False), App.integration_enabled == True)  # noqa: E712
                .order_by(App.sort_order, App.name)
                if self.keyring.open(row.integration_config, row.id).state in ("ok", "none")
            ]
        return [self.target(ref) for ref in refs]

    # -- writing ------------------------------------------------------------------------------

    def add(self, data: AppInput | Mapping[str, Any]) -> AppRecord:
        """Create an app; every problem is reported at once in one :class:`ValidationFailed`."""
        from launcher_tui.services.schemas import AppInput

        app = parse_input(AppInput, data)
        errors: dict[str, str] = {}
        integration = self._integration_or_error(app.integration, errors)
        url, login, url_error = move_login(app.url, integration)  # never stored in clear
        if url_error:
            errors["url"] = url_error
        config = self._checked_config(integration, None, {**login, **app.config}, errors)
        if app.config and not app.integration:
            errors["integration"] = "settings were given but no integration"
        self._check_url(app.url, integration, app.integration, errors)
        if errors:
            raise ValidationFailed(errors)
        with self.store.write():
            if config is not None:
                self.keyring.current(create=True)  # refused for a store whose key is missing
            check_unique(App, "app", app.name)
            now = utcnow()
            row = App.create(
                name=app.name,
                url=url,
                group=app.group,
                icon=app.icon,
                description=app.description,
                sort_order=app.sort_order if app.sort_order is not None else self._next_order(),
                integration_type=app.integration,
                integration_enabled=app.integration_enabled,
                verify_tls=app.verify_tls,
                ca_bundle=app.ca_bundle,
                created_at=now,
                updated_at=now,
            )
            if config is not None:
                self._save_config(row, config)
            return self._record(row)

    def update(
        self, ref: Ref, changes: AppUpdate | Mapping[str, Any], *, by_user: bool = True
    ) -> AppRecord:
        """Change the fields given (see :class:`AppUpdate` for config merging rules).

        For an imported or discovered app, a change ``by_user`` records the names of the fields
        it really changed in ``app.user_edited``, so a re-import never overwrites them.
        """
        from launcher_tui.services.schemas import AppUpdate

        update = parse_input(AppUpdate, changes)
        given = update.model_fields_set
        errors: dict[str, str] = {}
        if "name" in given and update.name is None:
            errors["name"] = "must not be empty"
        with self.store.write():
            row = find_app(ref)
            before = edited.snapshot(row) if by_user and row.source else None
            stored_url = row.url
            if update.name is not None and update.name != row.name:
                check_unique(App, "app", update.name, exclude=row.id)
                row.name = update.name
            for name in _PLAIN_FIELDS:
                if name in given:
                    setattr(row, name, getattr(update, name) or "")
            for name in ("sort_order", "integration_enabled", "verify_tls"):
                if name in given and getattr(update, name) is not None:
                    setattr(row, name, getattr(update, name))
            if "ca_bundle" in given:
                row.ca_bundle = update.ca_bundle
            kind = update.integration if "integration" in given else row.integration_type
            integration = self._integration_or_error(kind, errors)
            login: dict[str, Any] = {}
            if "url" in given:  # a login in the URL moves into the encrypted settings
                row.url, login, url_error = move_login(row.url, integration, stored_url)
                if url_error:
                    errors["url"] = url_error
            config_changes = {**login, **(update.config or {})}
            new_config: dict[str, Any] | None = None
            if kind != row.integration_type:
                new_config = self._checked_config(integration, None, config_changes, errors)
            elif config_changes:
                new_config = self._merged_config(row, integration, config_changes, errors)
            if update.config and not kind:
                errors["integration"] = "settings were given but no integration"
            self._check_url(row.url, integration, kind, errors)
            if errors:
                raise ValidationFailed(errors)
            if kind != row.integration_type:
                row.integration_type = kind
                row.integration_config = None
            row.updated_at = utcnow()
            row.save()
            if new_config is not None:
                self._save_config(row, new_config)
            if before is not None:
                edited.record(row, before, new_config, self.keyring)
            return self._record(row)

    def remove(self, ref: Ref) -> AppRecord:
        """Delete an app and (by cascade) its widgets; returns what was removed."""
        return delete_returning(self.store, lambda: find_app(ref), self._record)

    # -- helpers ------------------------------------------------------------------------------

    def _record(self, row: App) -> AppRecord:
        from launcher_tui.services.schemas import AppRecord

        opened = self.keyring.open(row.integration_config, row.id)
        integration = self._integration_quiet(row.integration_type)
        secrets = configs.secret_names(integration)
        return AppRecord(
            id=row.id,
            name=row.name,
            url=mask_login(row.url),
            group=row.group,
            icon=row.icon,
            description=row.description,
            sort_order=row.sort_order,
            integration=row.integration_type,
            integration_enabled=bool(row.integration_enabled),
            verify_tls=bool(row.verify_tls),
            ca_bundle=row.ca_bundle,
            config=configs.mask(opened.config or {}, secrets),
            secret_fields=sorted(secrets or ()),
            config_state=opened.state,
            config_message=opened.message,
            source=row.source,
            source_key=row.source_key,
            user_edited=edited.names(row),
            status_check=bool(row.status_check),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def _integration_quiet(self, kind: str | None) -> Integration | None:
        if not kind:
            return None
        try:
            return self.registry.get(kind)
        except (LookupError, ImportError):
            return None

    def _integration_or_error(self, kind: str | None, errors: dict[str, str]) -> Integration | None:
        """The integration, or a field error naming the installed ones."""
        if not kind:
            return None
        try:
            return self.registry.get(kind)
        except (LookupError, ImportError) as exc:  # UnknownIntegrationError, IntegrationLoadError
            errors["integration"] = str(exc)
            return None

    @staticmethod
    def _checked_config(
        integration: Integration | None,
        stored: Mapping[str, Any] | None,
        changes: Mapping[str, Any],
        errors: dict[str, str],
    ) -> dict[str, Any] | None:
        if integration is None:
            return None
        merged = configs.merge(stored, changes, configs.secret_names(integration))
        try:
            return configs.validate(integration, merged)
        except ValidationFailed as exc:
            errors.update(exc.errors)
            return None

    def _merged_config(
        self,
        row: App,
        integration: Integration | None,
        changes: Mapping[str, Any],
        errors: dict[str, str],
    ) -> dict[str, Any] | None:
        """Partial update onto the stored settings; unreadable ones must be given again whole."""
        self.keyring.current(create=True)  # a missing key is its own error, before any check
        opened = self.keyring.open(row.integration_config, row.id)
        if opened.state in ("undecryptable", "corrupt"):
            # The stored values are unknown: an edit that does not give every secret and
            # required setting again would replace them with defaults, and they would be lost
            # for good when the right key comes back. Refuse it and say which are missing.
            missing = not_replaced(integration, changes)
            if missing:
                for name in missing:
                    errors[f"config.{name}"] = "the stored value cannot be read: give it again"
                errors["config"] = (
                    f"{opened.message}. Nothing was changed: an edit must give every secret and "
                    f"required setting again ({', '.join(missing)}), or restore the key "
                    f"({crypto.ENV_KEY} or the key file {self.keyring.key_file})"
                )
                return None
            return self._checked_config(integration, None, changes, errors)
        return self._checked_config(integration, opened.config, changes, errors)

    @staticmethod
    def _check_url(
        url: str, integration: Integration | None, kind: str | None, errors: dict[str, str]
    ) -> None:
        if url or "url" in errors:
            return
        if integration is None and not kind:
            errors["url"] = "an app needs a URL to open"
        elif integration is not None and integration.needs_url:
            errors["url"] = f"{integration.name} needs the app's URL"

    def _save_config(self, row: App, config: dict[str, Any]) -> None:
        row.integration_config = self.keyring.encrypt(config, row.id)
        row.save()
        self.keyring.after_write()

    @staticmethod
    def _next_order() -> int:
        top = App.select(peewee.fn.MAX(App.sort_order)).scalar()
        return (top or 0) + 1


def not_replaced(integration: Integration | None, changes: Mapping[str, Any]) -> list[str]:
    """Secrets and required settings an edit does not give again (a masked secret is not given).

    Used when the stored settings cannot be decrypted: only an edit that replaces all of these
    can be saved without silently dropping values nobody can see.
    """
    if integration is None:
        return []
    fields = integration.config_model.model_fields
    wanted = set(configs.secret_names(integration) or ()) | {
        name for name, info in fields.items() if info.is_required()
    }
    return sorted(
        name
        for name in wanted
        if name not in changes or (isinstance(changes[name], str) and changes[name] == configs.MASK)
    )
