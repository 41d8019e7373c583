"""The JSON-RPC 1.x envelope Deluge's web UI and NZBGet both speak.

``{"method", "params", "id"}`` goes out; ``{"result", "error", "id"}`` comes back, with HTTP 200
even for failures, so the envelope is checked here: a body that is JSON but not an envelope (a
reverse proxy's JSON error, another service) is a :class:`BadResponseError` naming the
integration, and ``error`` is handed back typed for the caller to judge (Deluge's code 1 means
"log in again", NZBGet's "Invalid procedure" means a wrong version).
"""

from __future__ import annotations

import itertools
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from integrations.base import parse_model
from integrations.errors import BadResponseError

_ids = itertools.count(1)


class RpcError(BaseModel):
    """The ``error`` member: Deluge sends ``message``/``code``, NZBGet adds ``name``."""

    model_config = ConfigDict(extra="ignore")

    message: str = ""
    code: int | None = None
    name: str = ""

    def __str__(self) -> str:
        return self.message or self.name or f"error code {self.code}"


class RpcEnvelope(BaseModel):
    """An answer that has ``result`` or ``error`` (NZBGet omits ``result`` on errors)."""

    model_config = ConfigDict(extra="ignore")

    result: Any = None
    error: RpcError | None = None

    @model_validator(mode="before")
    @classmethod
    def _is_envelope(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not ({"result", "error"} & data.keys()):
            raise ValueError("expected a JSON-RPC answer with 'result' or 'error'")
        return data


def rpc_body(method: str, params: list[Any] | None = None) -> dict[str, Any]:
    """A request body with a fresh id."""
    return {"method": method, "params": list(params or []), "id": next(_ids)}


def parse_envelope(data: Any, *, integration: str, method: str) -> RpcEnvelope:
    """Check the envelope's shape (errors inside it are the caller's to interpret)."""
    return parse_model(RpcEnvelope, data, integration=integration, what=f"JSON-RPC {method}")


def result_of(answer: RpcEnvelope, *, integration: str, method: str) -> Any:
    """The ``result``, or the service's error as a :class:`BadResponseError` naming the call."""
    if answer.error is not None:
        raise BadResponseError(
            f"{integration}: {method} failed: {answer.error}",
            hint="This version of the service may not offer the call, or refused it.",
            integration=integration,
        )
    return answer.result
