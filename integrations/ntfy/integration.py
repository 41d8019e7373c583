"""ntfy: the latest messages of a topic; a high-priority one raises an alert.

HTTP API (https://docs.ntfy.sh/subscribe/api/): ``GET /<topic>/json?poll=1&since=12h`` answers
one JSON object per line (``{"id", "time", "event": "message", "title", "message",
"priority": 1..5, "tags"}``; other events such as ``open``/``keepalive`` are skipped). Access
tokens (``tk_…``, ``ntfy token add``) go in ``Authorization: Bearer``; a user and password in
Basic. Refused: 401 ``{"code": 40101, "error": "unauthorized"}``; a topic the user may not read: 403.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import Field, SecretStr, field_validator

from integrations.base import Context, Endpoint, HttpConfig
from integrations.declarative import JsonIntegration, number
from integrations.errors import BadResponseError
from integrations.models import Alert, FetchResult, ListData, ListRow, RendererKind, Severity

ID = "ntfy"
_LEVELS = {4: Severity.WARNING, 5: Severity.CRITICAL}  # ntfy's "high" and "max/urgent"


class NtfyConfig(HttpConfig):
    topic: str = Field(title="Topic", description="The topic to show, e.g. homelab-alerts.")
    token: SecretStr | None = Field(
        default=None,
        title="Access token",
        description="tk_… from 'ntfy token add' (or leave empty).",
    )
    username: str = Field(
        default="",
        title="User name",
        description="Instead of a token: a user allowed to read the topic.",
    )
    password: SecretStr | None = Field(default=None, title="Password")
    since: str = Field(default="12h", title="Messages from the last", description="e.g. 30m, 12h, 2d.")  # fmt: skip

    @field_validator("topic")
    @classmethod
    def _topic(cls, value: str) -> str:
        if not re.fullmatch(r"[-_A-Za-z0-9]{1,64}", value):
            raise ValueError("a topic is 1 to 64 letters, digits, - or _")
        return value

    @field_validator("since")
    @classmethod
    def _since(cls, value: str) -> str:
        if not re.fullmatch(r"\d+[smhd]|all|latest", value):
            raise ValueError("use a duration such as 30m, 12h or 2d")
        return value


class Ntfy(JsonIntegration):
    id = ID
    name = "ntfy"
    icon = "📣"
    category = "Notifications"
    description = "Latest messages of a topic; priority 4 warns, priority 5 is critical."
    docs_url = "https://docs.ntfy.sh/subscribe/api/"
    config_model = NtfyConfig
    endpoints = (
        Endpoint("messages", "Messages", RendererKind.LIST, ttl=30, refresh=30,
                 description="The topic's recent messages, newest first."),
    )  # fmt: skip

    def _auth(self, ctx: Context) -> dict[str, Any]:
        token = ctx.secret("token")
        if token:
            return {"headers": {"Authorization": f"Bearer {token}"}}
        if ctx.config.username:
            return {"auth": (ctx.config.username, ctx.secret("password"))}
        return {}

    async def messages(self, ctx: Context) -> list[dict[str, Any]]:
        path = f"/{ctx.config.topic}/json"
        response = await ctx.http.request(
            "GET", path, params={"poll": "1", "since": ctx.config.since}, **self._auth(ctx)
        )
        events = []
        for line in response.text.splitlines():
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except ValueError:
                raise BadResponseError(
                    f"{ID}: {path} did not answer JSON lines", integration=ID
                ) from None
            if isinstance(event, dict) and event.get("event") == "message":
                events.append(event)
        return sorted(events, key=lambda e: -(number(e.get("time")) or 0))

    async def test_connection(self, ctx: Context) -> str:
        return f"ntfy: {len(await self.messages(ctx))} messages on {ctx.config.topic} in the last {ctx.config.since}"

    async def fetch_messages(self, ctx: Context, options: None) -> FetchResult:
        rows, alerts = [], []
        for m in await self.messages(ctx):
            priority = int(number(m.get("priority")) or 3)
            level = _LEVELS.get(priority, Severity.OK)
            text = str(m.get("message") or "")
            title = str(m.get("title") or text[:60] or "(empty)")
            rows.append(ListRow(title=title, detail=text if m.get("title") else "",
                                status=f"P{priority}" if priority != 3 else "", level=level))  # fmt: skip
            if level is not Severity.OK:
                alerts.append(
                    Alert(
                        severity=level, key=f"ntfy:{m.get('id')}", message=f"{title}: {text}"[:200]
                    )
                )
        return FetchResult(
            data=ListData(rows=rows[:50], total=len(rows), empty_text="No messages"), alerts=alerts
        )


INTEGRATION = Ntfy()
