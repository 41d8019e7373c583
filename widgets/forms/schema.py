"""Read an integration's config JSON schema into field descriptions a form can build from.

Working from the JSON schema (not pydantic internals) means the same code serves a config model
(``model.model_json_schema()``) and a schema received as data (``integrations --json``).
Pydantic marks ``SecretStr`` with ``format: password``/``writeOnly``, ``AnyHttpUrl`` with
``format: uri``, ``Literal`` as ``enum``/``const`` and ``Enum`` as a ``$ref`` to an ``enum``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from integrations.base import is_secret_schema

FieldKind = Literal["secret", "choice", "bool", "int", "float", "url", "str"]
URL_NAMES = frozenset({"url", "api_url", "base_url"})
"""String fields treated as URLs by name even without ``format: uri``."""
FORM_LEVEL = ""
"""Key of an error that belongs to no single field (model-level validators)."""


@dataclass(frozen=True)
class FieldSpec:
    """What a form needs to know about one config field."""

    name: str
    title: str
    description: str
    kind: FieldKind
    required: bool
    nullable: bool = False
    default: Any = None
    choices: tuple[tuple[str, Any], ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    @property
    def optional(self) -> bool:
        """May be left empty (not required, or explicitly ``None``-able)."""
        return not self.required or self.nullable


def _resolve(spec: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = spec.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {
            **defs.get(ref.rsplit("/", 1)[-1], {}),
            **{k: v for k, v in spec.items() if k != "$ref"},
        }
    return spec


def _kind(name: str, spec: dict[str, Any], full: dict[str, Any]) -> FieldKind:
    if is_secret_schema(full):
        return "secret"
    if "enum" in spec or "const" in spec:
        return "choice"
    kind = spec.get("type")
    if kind == "boolean":
        return "bool"
    if kind == "integer":
        return "int"
    if kind == "number":
        return "float"
    if spec.get("format") == "uri" or name in URL_NAMES:
        return "url"
    return "str"


def field_from_schema(
    name: str, spec: dict[str, Any], required: bool, defs: dict[str, Any]
) -> FieldSpec:
    """One property of a JSON schema as a :class:`FieldSpec`."""
    full = _resolve(spec, defs)
    variants = [_resolve(v, defs) for v in full.get("anyOf", []) if isinstance(v, dict)]
    nullable = any(v.get("type") == "null" for v in variants)
    inner = next((v for v in variants if v.get("type") != "null"), full)
    kind = _kind(name, inner, full)
    choices: tuple[tuple[str, Any], ...] = ()
    if kind == "choice":
        values = inner["enum"] if "enum" in inner else [inner["const"]]
        choices = tuple((str(v), v) for v in values)
    default = None if kind == "secret" else full.get("default")
    return FieldSpec(
        name=name,
        title=full.get("title") or name.replace("_", " ").capitalize(),
        description=full.get("description", ""),
        kind=kind,
        required=required,
        nullable=nullable,
        default=default,
        choices=choices,
        minimum=inner.get("minimum", inner.get("exclusiveMinimum")),
        maximum=inner.get("maximum", inner.get("exclusiveMaximum")),
    )


def fields_from_schema(schema: dict[str, Any] | type[BaseModel]) -> list[FieldSpec]:
    """Every property of a config schema (or pydantic model) in declaration order."""
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        schema = schema.model_json_schema()
    required = set(schema.get("required", []))
    defs = schema.get("$defs", {})
    return [
        field_from_schema(name, spec, name in required, defs)
        for name, spec in schema.get("properties", {}).items()
    ]


def _friendly(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def field_errors_from_validation(error: ValidationError) -> dict[str, str]:
    """Field name → first error message; errors about the whole model go under ``""``."""
    out: dict[str, str] = {}
    for item in error.errors():
        loc = item.get("loc", ())
        key = str(loc[0]) if loc else FORM_LEVEL
        out.setdefault(key, _friendly(item.get("msg", "Invalid value")))
    return out


__all__ = [
    "FORM_LEVEL",
    "FieldKind",
    "FieldSpec",
    "field_errors_from_validation",
    "field_from_schema",
    "fields_from_schema",
]
