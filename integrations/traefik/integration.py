"""Traefik: routers, services and middlewares it knows, and how many of them are in error.

API (https://doc.traefik.io/traefik/operations/api/): ``GET /api/overview`` counts per protocol
(``http.routers.total|warnings|errors``, …), ``GET /api/version`` the version. The API is
usually behind the dashboard entry point with HTTP Basic, or open on an internal port.
"""

from __future__ import annotations

from typing import Any

from integrations.declarative import (
    Basic,
    JsonIntegration,
    JsonStat,
    OptionalBasicConfig,
    Probe,
    StatField,
)


def _errors(answer: Any) -> int:
    total = 0
    for proto in ("http", "tcp", "udp"):
        block = answer.get(proto) if isinstance(answer, dict) else None
        for kind in ("routers", "services", "middlewares"):
            part = block.get(kind) if isinstance(block, dict) else None
            value = part.get("errors") if isinstance(part, dict) else 0
            total += value if isinstance(value, int) and not isinstance(value, bool) else 0
    return total


class Traefik(JsonIntegration):
    id = "traefik"
    name = "Traefik"
    icon = "🚦"
    category = "Network"
    description = "HTTP routers, services and middlewares; configuration errors."
    docs_url = "https://doc.traefik.io/traefik/operations/api/"
    config_model = OptionalBasicConfig
    auth = Basic(optional=True)
    probe = Probe("/api/version", version="Version")
    declared = (
        JsonStat("overview", "Overview", "/api/overview", ttl=60, fields=(
            StatField("Routers", "http.routers.total"),
            StatField("Services", "http.services.total"),
            StatField("Middlewares", "http.middlewares.total"),
            StatField("Errors", compute=_errors, warning_above=0),
        )),
    )  # fmt: skip


INTEGRATION = Traefik()
