"""Every failure the service layer reports, in one place for the CLI and the TUI to catch.

Catch :class:`LauncherError` to handle them all: each has a stable ``code`` (``--json``, exit
codes), a readable ``message`` and a ``hint``. :class:`ValidationFailed` also carries
``errors``, a field → message dict that forms show inline (config fields are ``config.<name>``,
widget options ``options.<name>``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from launcher_tui.crypto import (
    CorruptValueError,
    CryptoError,
    DecryptError,
    KeyFileError,
    WeakKeyError,
    WrongKeyError,
)
from launcher_tui.store.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DatabaseUnavailableError,
    LauncherError,
    StoreError,
)

M = TypeVar("M", bound=BaseModel)

DatabaseCorrupt = DatabaseCorruptError
DatabaseLocked = DatabaseLockedError


class ServiceError(LauncherError):
    """A request the service layer could not carry out."""

    code = "service"


class NotFound(ServiceError):
    """No app, board or widget matches the reference given."""

    code = "not_found"

    def __init__(self, what: str, ref: object, *, available: list[str] | None = None) -> None:
        message = f"No {what} '{ref}'."
        if available is not None:
            message += f" Known: {', '.join(available) or 'none'}."
        super().__init__(message)
        self.what = what
        self.ref = ref


class ValidationFailed(ServiceError):
    """Input was refused; ``errors`` maps each field to what is wrong with it."""

    code = "invalid"

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        text = "; ".join(f"{field}: {msg}" for field, msg in self.errors.items())
        super().__init__(f"Invalid input: {text}", hint="Fix the fields named and try again.")

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "errors": self.errors}


class AlreadyExists(ValidationFailed):
    """A name that must be unique is taken (also a field error on ``name`` for forms)."""

    code = "already_exists"

    def __init__(self, what: str, name: str) -> None:
        super().__init__({"name": f"a {what} named '{name}' already exists"})
        self.message = f"A {what} named '{name}' already exists."
        self.hint = "Choose another name."
        self.args = (self.message,)
        self.what = what
        self.name = name


class ConfigUnavailable(ServiceError):
    """An app's stored settings cannot be used (wrong key, damaged value, no integration)."""

    code = "config_unavailable"
    default_hint = "Edit the app and enter its integration settings again."


class NoIntegration(ConfigUnavailable):
    """The app is a plain launcher entry: there is nothing to fetch or test."""

    code = "no_integration"
    default_hint = "Bind the app to an integration first (apps edit NAME --integration TYPE)."


class KeyRotationError(ServiceError):
    """Rotation was refused or failed; nothing was changed."""

    code = "key_rotation"


def validation_errors(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    """pydantic errors as field → message (first message per field)."""
    out: dict[str, str] = {}
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        field = f"{prefix}{loc}" if loc else (prefix.rstrip(".") or "value")
        msg = str(err.get("msg", "invalid"))
        msg = msg.removeprefix("Value error, ")
        out.setdefault(field, msg)
    return out


def parse_input(model: type[M], data: M | Mapping[str, Any]) -> M:
    """``data`` as ``model``; pydantic errors become :class:`ValidationFailed`."""
    if isinstance(data, model):
        return data
    payload = data.model_dump(exclude_unset=True) if isinstance(data, BaseModel) else data
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise ValidationFailed(validation_errors(exc)) from None


__all__ = [
    "AlreadyExists",
    "ConfigUnavailable",
    "CorruptValueError",
    "CryptoError",
    "DatabaseCorrupt",
    "DatabaseCorruptError",
    "DatabaseLocked",
    "DatabaseLockedError",
    "DatabaseTooNewError",
    "DatabaseUnavailableError",
    "DecryptError",
    "KeyFileError",
    "KeyRotationError",
    "LauncherError",
    "NoIntegration",
    "NotFound",
    "ServiceError",
    "StoreError",
    "ValidationFailed",
    "WeakKeyError",
    "WrongKeyError",
    "parse_input",
    "validation_errors",
]
