"""Healthchecks.io (hosted or self-hosted): which cron jobs and backups stopped checking in.

Management API v3 (https://healthchecks.io/docs/api/): ``GET /api/v3/checks/`` lists the
project's checks with ``status`` one of ``new``, ``up``, ``grace``, ``down``, ``paused``. The key
goes in the ``X-Api-Key`` header; a read-only key is enough. A wrong key is answered 401
``{"error": "wrong api key"}``.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context
from integrations.declarative import (
    HeaderKey,
    JsonIntegration,
    JsonList,
    JsonStat,
    StatField,
    api_key_config,
)
from integrations.errors import BadResponseError
from integrations.models import Severity

CHECKS = "/api/v3/checks/"


def _checks(answer: Any) -> list[dict[str, Any]]:
    checks = answer.get("checks") if isinstance(answer, dict) else None
    if not isinstance(checks, list):
        raise BadResponseError(
            f"healthchecks: unexpected answer for {CHECKS}: no 'checks' list",
            integration="healthchecks",
        )
    return [c for c in checks if isinstance(c, dict)]


def _count(status: str) -> Any:
    def count(answer: Any) -> int:
        return sum(1 for c in _checks(answer) if c.get("status") == status)

    return count


class Healthchecks(JsonIntegration):
    id = "healthchecks"
    name = "Healthchecks"
    icon = "💓"
    category = "Monitoring"
    description = "Cron jobs and backups that check in: up, late, down; a down check is critical."
    docs_url = "https://healthchecks.io/docs/api/"
    config_model = api_key_config(
        "Project → Settings → API Access → create a (read-only) API key.",
    )
    auth = HeaderKey("X-Api-Key")
    declared = (
        JsonStat("status", "Checks", CHECKS, ttl=60, fields=(
            StatField("Up", compute=_count("up")),
            StatField("Late", compute=_count("grace"), warning_above=0),
            StatField("Down", compute=_count("down"), critical_above=0),
            StatField("Paused", compute=_count("paused")),
        )),
        JsonList("checks", "Check list", CHECKS, ttl=60, items="checks", title="name",
                 detail=("last_ping", "schedule"), status="status",
                 levels={"down": Severity.CRITICAL, "grace": Severity.WARNING,
                         "paused": Severity.INFO},
                 empty_text="No checks in this project"),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        return f"Healthchecks: {len(_checks(await self.get(ctx, CHECKS)))} checks"


INTEGRATION = Healthchecks()
