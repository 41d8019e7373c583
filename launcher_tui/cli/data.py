"""The CLI's door to stored data: open the services, find apps with helpful errors, get targets.

Commands never touch SQL or peewee; they get a services container from :func:`open_data` and
call it. Unknown names become usage errors that suggest close matches, and every decrypted
secret is registered with :class:`~launcher_tui.cli.output.Output` before anything is printed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from launcher_tui.cli.session import not_found

if TYPE_CHECKING:
    from launcher_tui.cli.output import Output
    from launcher_tui.runtime import Target
    from launcher_tui.services.schemas import AppRecord


@contextlib.contextmanager
def open_data() -> Iterator[Any]:
    """The services container for the configured data dir, closed afterwards."""
    from launcher_tui.services import open_services

    services = open_services()
    try:
        yield services
    finally:
        services.close()


@contextlib.contextmanager
def lookup(services: Any, what: str) -> Iterator[None]:
    """Turn the service layer's "no such app/board" into a usage error with close names."""
    from launcher_tui.services.errors import NotFound

    try:
        yield
    except NotFound as exc:
        if getattr(exc, "what", "") != what:
            raise
        names = [item.name for item in getattr(services, f"{what}s").list()]
        raise not_found(what, str(exc.ref), names, code=f"unknown_{what}") from None


def app_lookup(services: Any) -> contextlib.AbstractContextManager[None]:
    return lookup(services, "app")


def get_app(services: Any, ref: str) -> AppRecord:
    """The app named ``ref`` (or with that id)."""
    with app_lookup(services):
        return services.apps.get(ref)


def get_target(
    services: Any, ref: str | int, out: Output, *, timeout: float | None = None
) -> Target:
    """The app's decrypted target; its secrets are registered for redaction first."""
    import dataclasses

    with app_lookup(services):
        target = services.apps.target(ref)
    register_secrets(out, target)
    if timeout is not None:
        target = dataclasses.replace(target, timeout=timeout)
    return target


def register_secrets(out: Output, target: Target) -> None:
    """Mark the target's secret settings (every text setting when the schema is unknown)."""
    from integrations.registry import registry

    try:
        secrets: list[str] | None = registry.get(target.integration_id).secret_fields()
    except (LookupError, ImportError):
        secrets = None
    username = target.config.get("username") or target.config.get("user") or ""
    for key, value in target.config.items():
        if secrets is None or key in secrets:
            out.add_secret(value)
            if isinstance(value, str) and isinstance(username, str):
                out.add_basic_auth(username, value)  # echoed back as "Basic <base64>"
