"""changedetection.io: API v1 with the ``x-api-key`` header (Settings → API).

``/api/v1/watch`` lists every watch with its last check and last change; a watch counts as a
"change detected" while its newest change has not been viewed (``last_changed > last_viewed`` in
older releases, ``viewed: false`` with a change in newer ones). A wrong key is answered 403
"Invalid access - API key invalid.".
"""

from __future__ import annotations

import time

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.changedetectionio.api import SystemInfo, Watch, Watches
from integrations.format import format_duration
from integrations.models import ListData, ListRow, RendererKind, Severity, Stat, StatData

ID = "changedetectionio"


class ChangedetectionConfig(HttpConfig):
    api_key: SecretStr = Field(title="API key", description="Settings → API → API access token.")


async def _watches(ctx: Context) -> list[Watch]:
    body = await ctx.http.get_json(
        "/api/v1/watch", headers={"x-api-key": ctx.secret("api_key")}, what="the watch list"
    )
    return list(parse_model(Watches, body, integration=ID, what="/api/v1/watch").root.values())


def _ago(timestamp: int, now: float) -> str:
    return f"checked {format_duration(now - timestamp)} ago" if timestamp else "not checked yet"


class Changedetection(Integration):
    id = ID
    name = "changedetection.io"
    icon = "🔎"
    category = "Monitoring"
    description = "Web pages watched for changes: how many changed since you last looked."
    docs_url = "https://changedetection.io/docs/api_v1/index.html"
    config_model = ChangedetectionConfig
    endpoints = (
        Endpoint("watches", "Watches", RendererKind.STAT, ttl=120, refresh=120,
                 description="Changes detected (not viewed yet), errors and watches in total."),
        Endpoint("watch_list", "Watch list", RendererKind.LIST, ttl=120, refresh=120,
                 description="Every watch: title, URL, last check, changed or not."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        body = await ctx.http.get_json(
            "/api/v1/systeminfo", headers={"x-api-key": ctx.secret("api_key")}, what="systeminfo"
        )
        info = parse_model(SystemInfo, body, integration=ID, what="/api/v1/systeminfo")
        count = f" ({info.watch_count} watches)" if info.watch_count is not None else ""
        return f"changedetection.io {info.version}{count}"

    async def fetch_watches(self, ctx: Context, options: None) -> StatData:
        watches = await _watches(ctx)
        changed = sum(w.has_unseen_change for w in watches)
        errors = sum(bool(w.error) for w in watches)
        return StatData(
            stats=[
                Stat(
                    label="Changes detected",
                    value=changed,
                    level=Severity.INFO if changed else Severity.OK,
                ),
                Stat(
                    label="Errors", value=errors, level=Severity.WARNING if errors else Severity.OK
                ),
                Stat(label="Watches", value=len(watches)),
            ]
        )

    async def fetch_watch_list(self, ctx: Context, options: None) -> ListData:
        now = time.time()
        watches = sorted(
            await _watches(ctx), key=lambda w: (not w.has_unseen_change, -w.last_changed, w.name)
        )
        rows = []
        for w in watches:
            parts = [w.url, _ago(w.last_checked, now)]
            if w.error:
                parts.append(w.error)
            status, level = "", Severity.OK
            if w.error:
                status, level = "error", Severity.WARNING
            elif w.has_unseen_change:
                status, level = "changed", Severity.INFO
            rows.append(
                ListRow(
                    title=w.name, detail=" · ".join(parts), status=status, level=level, url=w.url
                )
            )
        return ListData(rows=rows, total=len(rows), empty_text="No watches")


INTEGRATION = Changedetection()
