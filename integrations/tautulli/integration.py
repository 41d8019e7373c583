"""Tautulli: who is watching what on Plex right now — progress, transcodes, bandwidth.

API v2 (https://github.com/Tautulli/Tautulli/wiki/Tautulli-API-Reference):
``GET /api/v2?apikey=KEY&cmd=get_activity`` → ``{"response": {"result": "success", "data":
{"stream_count": "2", "stream_count_transcode": 1, "total_bandwidth": 12000, "sessions":
[...]}}}``; ``cmd=get_tautulli_info`` gives ``tautulli_version``. Failures come back as
``"result": "error"`` with a ``message`` ("Invalid apikey"), with HTTP 401 on current releases.
"""

from __future__ import annotations

from typing import Any

from integrations.base import Context, Endpoint
from integrations.declarative import JsonIntegration, QueryKey, StatField, api_key_config, number
from integrations.errors import AuthError, BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import (
    ProgressData,
    ProgressItem,
    RendererKind,
    Severity,
    StatData,
)

API = "/api/v2"
STREAMS = StatField("Streams")
TRANSCODES = StatField("Transcoding")
BANDWIDTH = StatField("Bandwidth", unit="B/s")


class Tautulli(JsonIntegration):
    id = "tautulli"
    name = "Tautulli"
    icon = "📺"
    category = "Media"
    description = "Plex activity: streams, transcodes, bandwidth, and what each viewer watches."
    docs_url = "https://github.com/Tautulli/Tautulli/wiki/Tautulli-API-Reference"
    config_model = api_key_config("Settings → Web Interface → API → API key.")
    auth = QueryKey("apikey")
    homepage = HomepageMapping(
        endpoints=("activity",),
        ignore=frozenset({"enableUser", "showEpisodeNumber", "expandOneStreamToTwoRows"}),
    )
    endpoints = (
        Endpoint("activity", "Activity", RendererKind.STAT, ttl=15, refresh=15,
                 description="Streams, transcodes and total bandwidth."),
        Endpoint("now_playing", "Now playing", RendererKind.PROGRESS, ttl=15, refresh=15,
                 description="Each stream: viewer, title, progress, direct play or transcode."),
    )  # fmt: skip

    async def command(self, ctx: Context, cmd: str) -> dict[str, Any]:
        """``data`` of one API command; the API's own error message becomes a typed error."""
        answer = await self.get(ctx, API, {"cmd": cmd})
        response = answer.get("response") if isinstance(answer, dict) else None
        if not isinstance(response, dict):
            raise BadResponseError(
                f"tautulli: unexpected answer for {cmd}: no 'response'", integration=self.id
            )
        if response.get("result") != "success":
            message = str(response.get("message") or "error")
            if "apikey" in message.lower():
                raise AuthError(
                    f"tautulli: {message}",
                    integration=self.id,
                    hint="Check the API key (Settings → Web Interface → API).",
                )
            raise BadResponseError(f"tautulli: {cmd}: {message}", integration=self.id)
        data = response.get("data")
        return data if isinstance(data, dict) else {}

    async def test_connection(self, ctx: Context) -> str:
        info = await self.command(ctx, "get_tautulli_info")
        return f"Tautulli {info.get('tautulli_version', '')}".rstrip()

    async def fetch_activity(self, ctx: Context, options: None) -> StatData:
        data = await self.command(ctx, "get_activity")
        kbps = number(data.get("total_bandwidth"))
        return StatData(stats=[
            STREAMS.stat(number(data.get("stream_count")) or 0),
            TRANSCODES.stat(number(data.get("stream_count_transcode")) or 0),
            BANDWIDTH.stat(kbps * 1000 / 8 if kbps is not None else None),  # kbit/s → B/s
        ])  # fmt: skip

    async def fetch_now_playing(self, ctx: Context, options: None) -> ProgressData:
        data = await self.command(ctx, "get_activity")
        items = []
        for s in data.get("sessions") or []:
            if not isinstance(s, dict):
                continue
            percent = number(s.get("progress_percent")) or 0
            decision = str(s.get("transcode_decision") or "")
            state = str(s.get("state") or "")
            who = s.get("friendly_name") or s.get("user") or "someone"
            items.append(ProgressItem(
                label=f"{who}: {s.get('full_title') or s.get('title') or '?'}",
                percent=min(100.0, max(0.0, float(percent))),
                detail=" · ".join(p for p in (state, decision) if p),
                level=Severity.INFO if decision == "transcode" else Severity.OK,
            ))  # fmt: skip
        return ProgressData(items=items, empty_text="Nobody is watching")


INTEGRATION = Tautulli()
