"""SABnzbd: download rate, what is left, the queue with progress; pause or resume.

API (https://sabnzbd.org/wiki/configuration/4.3/api): ``GET /api?mode=queue&output=json&apikey=``
→ ``{"queue": {"status", "paused", "kbpersec", "mbleft", "timeleft", "noofslots", "slots":
[{"nzo_id", "filename", "percentage", "mb", "mbleft", "timeleft", "status"}]}}``;
``mode=pause`` / ``mode=resume`` → ``{"status": true}``; ``mode=version`` needs no key. A wrong
key is answered with HTTP 200 and ``{"status": false, "error": "API Key Incorrect"}``.
"""

from __future__ import annotations

from typing import Any

from integrations._downloads.render import speed_chart, transfer_alerts, transfer_progress
from integrations._downloads.transfers import Transfer, TransferState, clamp_percent
from integrations.base import Action, Context, Endpoint, Integration
from integrations.declarative import api_key_config, number
from integrations.errors import AuthError, BadResponseError
from integrations.models import ChartData, FetchResult, RendererKind, Severity, Stat, StatData

ID = "sabnzbd"
MB = 1024 * 1024
SLOT_STATES = {
    "Downloading": TransferState.DOWNLOADING, "Queued": TransferState.QUEUED,
    "Paused": TransferState.PAUSED, "Fetching": TransferState.METADATA,
    "Grabbing": TransferState.METADATA, "Checking": TransferState.CHECKING,
    "Propagating": TransferState.QUEUED,
}  # fmt: skip


def _hms(text: Any) -> float | None:
    """SABnzbd's ``timeleft`` ("1:02:03", "2:01:02:03" with days) in seconds."""
    if not isinstance(text, str) or not text:
        return None
    try:
        parts = [int(p) for p in text.split(":")]
    except ValueError:
        return None
    seconds = 0
    for part, scale in zip(reversed(parts), (1, 60, 3600, 86400), strict=False):
        seconds += part * scale
    return float(seconds) or None


class Sabnzbd(Integration):
    id = ID
    name = "SABnzbd"
    icon = "⇩"
    category = "Downloads"
    description = "Usenet downloader: rate, remaining, queue progress; pause or resume."
    docs_url = "https://sabnzbd.org/wiki/configuration/4.3/api"
    config_model = api_key_config("Config → General → Security → API Key.")
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=10, refresh=10,
                 description="Download rate (B/s), remaining bytes, time left, paused or not."),
        Endpoint("queue", "Queue", RendererKind.PROGRESS, ttl=10, refresh=10,
                 description="NZBs in the queue with percent done and time left."),
        Endpoint("speed_history", "Speed history", RendererKind.CHART, ttl=5, refresh=5,
                 description="Download rate over time."),
    )  # fmt: skip
    actions = (
        Action("pause_all", "Pause downloads", "Pause the SABnzbd queue?", key="p"),
        Action("resume_all", "Resume downloads", "Resume the SABnzbd queue?", key="r"),
    )

    async def api(self, ctx: Context, mode: str) -> dict[str, Any]:
        answer = await ctx.http.get_json(
            "/api", params={"mode": mode, "output": "json", "apikey": ctx.secret("api_key")}, what=f"mode={mode}"
        )  # fmt: skip
        if not isinstance(answer, dict):
            raise BadResponseError(f"{ID}: mode={mode}: unexpected answer", integration=ID)
        if answer.get("status") is False:
            error = str(answer.get("error") or "refused")
            if "key" in error.lower():
                raise AuthError(f"{ID}: {error}", integration=ID,
                                hint="Config → General → Security → API Key (not the NZB key).")  # fmt: skip
            raise BadResponseError(f"{ID}: mode={mode}: {error}", integration=ID)
        return answer

    async def queue(self, ctx: Context) -> dict[str, Any]:
        queue = (await self.api(ctx, "queue")).get("queue")
        if not isinstance(queue, dict):
            raise BadResponseError(f"{ID}: mode=queue: no 'queue'", integration=ID)
        return queue

    async def test_connection(self, ctx: Context) -> str:
        queue = await self.queue(ctx)  # proves the key (mode=version does not need one)
        version = (await self.api(ctx, "version")).get("version", "")
        return f"SABnzbd {version} ({int(number(queue.get('noofslots')) or 0)} in queue)".replace(
            "  ", " "
        )

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        q = await self.queue(ctx)
        paused = bool(q.get("paused"))
        rate = (number(q.get("kbpersec")) or 0) * 1024
        state, level = (
            ("Paused", Severity.INFO)
            if paused
            else ("Downloading" if rate else "Idle", Severity.OK)
        )
        return StatData(stats=[
            Stat(label="Download", value=rate, unit="B/s"),
            Stat(label="Remaining", value=(number(q.get("mbleft")) or 0) * MB, unit="B"),
            Stat(label="Time left", value=_hms(q.get("timeleft")), unit="s"),
            Stat(label="State", value=state, level=level),
        ])  # fmt: skip

    async def fetch_queue(self, ctx: Context, options: None) -> FetchResult:
        q = await self.queue(ctx)
        transfers = []
        for slot in q.get("slots") or []:
            if not isinstance(slot, dict):
                continue
            status = str(slot.get("status") or "")
            transfers.append(Transfer(
                key=str(slot.get("nzo_id") or slot.get("filename")),
                name=str(slot.get("filename") or "?"),
                state=SLOT_STATES.get(status, TransferState.UNKNOWN),
                percent=clamp_percent(number(slot.get("percentage")) or 0),
                eta_seconds=_hms(slot.get("timeleft")),
                size=int((number(slot.get("mb")) or 0) * MB),
                status_text=status,
            ))  # fmt: skip
        return FetchResult(data=transfer_progress(transfers, empty_text="Queue is empty"),
                           alerts=transfer_alerts(transfers, prefix="nzb"))  # fmt: skip

    async def fetch_speed_history(self, ctx: Context, options: None) -> ChartData:
        return speed_chart((number((await self.queue(ctx)).get("kbpersec")) or 0) * 1024)

    async def action_pause_all(self, ctx: Context) -> str:
        await self.api(ctx, "pause")
        return "SABnzbd: queue paused"

    async def action_resume_all(self, ctx: Context) -> str:
        await self.api(ctx, "resume")
        return "SABnzbd: queue resumed"


INTEGRATION = Sabnzbd()
