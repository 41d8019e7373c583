"""Unmanic: workers busy and idle, tasks pending, completed and failed; pause or resume workers.

API v2 under ``/unmanic/api/v2`` (https://docs.unmanic.app/docs/api/; each server also documents
itself at ``/unmanic/swagger``): ``GET workers/status`` → ``{"workers_status": [{"id", "name",
"idle", "paused", "current_file"}]}``; ``POST pending/tasks`` ``{"start", "length"}`` →
``{"recordsTotal", "results": [{"id", "abspath", "status"}]}``; ``POST history/tasks`` →
``{"recordsTotal", "successCount", "failedCount"}``; ``POST workers/worker/pause/all`` and
``…/resume/all`` → ``{"success": true}``; ``GET version/read`` → ``{"version"}``. Unmanic has no
authentication of its own (optional Basic when a reverse proxy guards it).
"""

from __future__ import annotations

import posixpath
from typing import Any

from integrations.base import Action, Context, Endpoint
from integrations.declarative import (
    Basic,
    JsonIntegration,
    OptionalBasicConfig,
    Probe,
    number,
)
from integrations.errors import BadResponseError
from integrations.models import (
    Alert,
    FetchResult,
    ListData,
    ListRow,
    RendererKind,
    Severity,
    Stat,
    StatData,
)

ID = "unmanic"
API = "/unmanic/api/v2"
PENDING_ROWS = 20


class Unmanic(JsonIntegration):
    id = ID
    name = "Unmanic"
    icon = "🎞"
    category = "Media"
    description = "Workers busy and paused, tasks pending, completed and failed; pause or resume."
    docs_url = "https://docs.unmanic.app/docs/api/"
    config_model = OptionalBasicConfig
    auth = Basic(optional=True)
    probe = Probe(f"{API}/version/read", version="version")
    endpoints = (
        Endpoint("summary", "Summary", RendererKind.STAT, ttl=15, refresh=15,
                 description="Workers busy of all, paused, tasks pending, completed and failed."),
        Endpoint("pending", "Pending", RendererKind.LIST, ttl=30, refresh=30,
                 description="The next pending tasks (file, status)."),
    )  # fmt: skip
    actions = (
        Action("pause_all", "Pause all workers", "Pause every Unmanic worker?", key="p"),
        Action("resume_all", "Resume all workers", "Resume every Unmanic worker?", key="r"),
    )

    async def post(self, ctx: Context, path: str, body: dict[str, Any]) -> dict[str, Any]:
        kwargs = self.auth.credentials(ctx).request_kwargs()
        answer = await ctx.http.post_json(f"{API}/{path}", what=path, json=body, **kwargs)
        if not isinstance(answer, dict):
            raise BadResponseError(f"{ID}: {path}: unexpected answer", integration=ID)
        return answer

    async def workers(self, ctx: Context) -> list[dict[str, Any]]:
        answer = await self.get(ctx, f"{API}/workers/status")
        workers = answer.get("workers_status") if isinstance(answer, dict) else None
        if not isinstance(workers, list):
            raise BadResponseError(
                f"{ID}: workers/status: no 'workers_status' list", integration=ID
            )
        return [w for w in workers if isinstance(w, dict)]

    async def pending(self, ctx: Context, rows: int) -> tuple[int, list[dict[str, Any]]]:
        answer = await self.post(ctx, "pending/tasks", {"start": 0, "length": rows})
        results = answer.get("results")
        if "recordsTotal" not in answer or not isinstance(results, list):
            raise BadResponseError(f"{ID}: pending/tasks: no recordsTotal/results", integration=ID)
        return int(number(answer["recordsTotal"]) or 0), [r for r in results if isinstance(r, dict)]

    async def fetch_summary(self, ctx: Context, options: None) -> FetchResult:
        workers = await self.workers(ctx)
        pending, _ = await self.pending(ctx, 1)
        history = await self.post(ctx, "history/tasks", {"start": 0, "length": 1})
        failed = int(number(history.get("failedCount")) or 0)
        busy = sum(w.get("idle") is False for w in workers)
        paused = sum(w.get("paused") is True for w in workers)
        stats = [
            Stat(label="Workers", value=f"{busy}/{len(workers)}"),
            Stat(label="Paused", value=paused, level=Severity.WARNING if paused else Severity.OK),
            Stat(label="Pending", value=pending),
            Stat(label="Completed", value=number(history.get("successCount"))),
            Stat(label="Failed", value=failed, level=Severity.WARNING if failed else Severity.OK),
        ]
        alerts = [Alert(severity=Severity.WARNING, key="failed",
                        message=f"{failed} Unmanic task{'s' if failed != 1 else ''} failed")] if failed else []  # fmt: skip
        return FetchResult(data=StatData(stats=stats), alerts=alerts)

    async def fetch_pending(self, ctx: Context, options: None) -> ListData:
        total, tasks = await self.pending(ctx, PENDING_ROWS)
        rows = [ListRow(title=posixpath.basename(str(t.get("abspath") or "")) or str(t.get("id")),
                        detail=str(t.get("abspath") or ""), status=str(t.get("status") or ""))
                for t in tasks]  # fmt: skip
        return ListData(rows=rows, total=total, empty_text="Nothing pending")

    async def action_pause_all(self, ctx: Context) -> str:
        await self.post(ctx, "workers/worker/pause/all", {})
        return "Unmanic: all workers paused"

    async def action_resume_all(self, ctx: Context) -> str:
        await self.post(ctx, "workers/worker/resume/all", {})
        return "Unmanic: all workers resumed"


INTEGRATION = Unmanic()
