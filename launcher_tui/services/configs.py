"""Integration configs as plain data: validation, secret masking and partial-update merging.

A config travels as a plain JSON dict with secrets in clear only between the validation step
and encryption (and from decryption to :class:`~launcher_tui.runtime.Target`). Everything shown
to a person goes through :func:`mask`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, SecretBytes, SecretStr, ValidationError
from pydantic_core import to_jsonable_python

from launcher_tui.services.errors import ValidationFailed, validation_errors

if TYPE_CHECKING:
    from integrations.base import Integration

MASK = "••••••"
"""What a set secret looks like in records; sending it back on edit keeps the stored secret."""


def plain(value: Any) -> Any:
    """``value`` as JSON data with secrets revealed (only for encryption and the runtime)."""
    if isinstance(value, SecretStr | SecretBytes):
        secret = value.get_secret_value()
        return secret.decode() if isinstance(secret, bytes) else secret
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return to_jsonable_python(value)


def secret_names(integration: Integration | None) -> set[str] | None:
    """Names of secret config fields; ``None`` when unknown (the integration is not installed)."""
    if integration is None:
        return None
    return set(integration.secret_fields())


def mask(config: Mapping[str, Any], secrets: set[str] | None) -> dict[str, Any]:
    """``config`` with every set secret replaced by :data:`MASK` (all values when unknown)."""
    out: dict[str, Any] = {}
    for name, value in config.items():
        hidden = secrets is None or name in secrets
        out[name] = MASK if hidden and value not in (None, "") else value
    return out


def _keeps_stored(value: Any) -> bool:
    """An empty or masked secret on edit means "leave it as it is"."""
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value is None or (isinstance(value, str) and value.strip() in ("", MASK))


def merge(
    stored: Mapping[str, Any] | None, changes: Mapping[str, Any], secrets: set[str] | None
) -> dict[str, Any]:
    """Apply a partial update (``--set key=value``, a form) onto the stored config.

    Secret fields left empty, ``None`` or masked keep the stored secret; any other ``None``
    resets the field to its default.
    """
    merged = dict(stored or {})
    for name, value in changes.items():
        if secrets is not None and name in secrets and _keeps_stored(value):
            continue
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = plain(value)
    return merged


def validate(integration: Integration, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate against the integration's config model; returns the full plain config.

    Errors are reported per field as ``config.<field>``.
    """
    try:
        model = integration.config_model.model_validate(dict(values))
    except ValidationError as exc:
        raise ValidationFailed(validation_errors(exc, prefix="config.")) from None
    return plain(model)
