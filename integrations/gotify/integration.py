"""Gotify: the latest push messages; a high-priority message raises an alert.

REST API (https://gotify.net/api-docs): ``GET /message?limit=N`` → ``{"messages": [{"id",
"appid", "title", "message", "priority", "date"}], "paging": {...}}`` with a *client* token in
``X-Gotify-Key``; ``GET /current/user`` proves the token; ``GET /version`` is public. A wrong
token is answered 401 ``{"error": "Unauthorized", ...}``.
"""

from __future__ import annotations

from integrations.base import Context
from integrations.declarative import HeaderKey, JsonIntegration, JsonList, api_key_config, number
from integrations.errors import BadResponseError
from integrations.models import Alert, FetchResult, ListData, ListRow, Severity

HIGH_PRIORITY = 8  # Gotify's Android app treats 8+ as "high" (sound and pop-up)


class Gotify(JsonIntegration):
    id = "gotify"
    name = "Gotify"
    icon = "🔔"
    category = "Notifications"
    description = "Latest messages; a high-priority one (8+) raises an alert."
    docs_url = "https://gotify.net/api-docs"
    config_model = api_key_config(
        "Clients → Create client → its token (a client token, not an application token).",
        title="Client token",
    )
    auth = HeaderKey("X-Gotify-Key")
    declared = (
        JsonList("messages", "Messages", "/message", items="messages", title="title", ttl=30,
                 params={"limit": "20"}, empty_text="No messages"),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        user = await self.get(ctx, "/current/user")
        version = await self.get(ctx, "/version")
        name = user.get("name", "?") if isinstance(user, dict) else "?"
        release = version.get("version", "") if isinstance(version, dict) else ""
        return f"Gotify {release} (as {name})".replace("  ", " ")

    async def fetch_messages(self, ctx: Context, options: None) -> FetchResult:
        answer = await self.get(ctx, "/message", {"limit": "20"})
        messages = answer.get("messages") if isinstance(answer, dict) else None
        if not isinstance(messages, list):
            raise BadResponseError(
                "gotify: unexpected answer for /message: no 'messages' list", integration=self.id
            )
        rows, alerts = [], []
        for raw in (m for m in messages if isinstance(m, dict)):
            priority = number(raw.get("priority"))
            high = priority is not None and priority >= HIGH_PRIORITY
            title = str(raw.get("title") or "(no title)")
            text = str(raw.get("message") or "")
            rows.append(
                ListRow(
                    title=title,
                    detail=" · ".join(p for p in (text, str(raw.get("date") or "")) if p),
                    status=f"P{priority:g}" if priority is not None else "",
                    level=Severity.WARNING if high else Severity.OK,
                )
            )
            if high:
                alerts.append(
                    Alert(
                        severity=Severity.WARNING,
                        key=f"gotify:{raw.get('id')}",
                        message=f"{title}: {text}"[:200],
                    )
                )
        data = ListData(rows=rows, total=len(rows), empty_text="No messages")
        return FetchResult(data=data, alerts=alerts)


INTEGRATION = Gotify()
