"""aria2: download rate, active and waiting downloads with progress; pause or resume all.

JSON-RPC 2.0 at ``POST /jsonrpc`` (https://aria2.github.io/manual/en/html/aria2c.html#rpc-interface);
the RPC secret (``--rpc-secret``) is the first parameter, ``"token:<secret>"``. A wrong or missing
secret is answered HTTP 400 ``{"error": {"code": 1, "message": "Unauthorized"}}``. Numbers come
as decimal strings. Calls: ``aria2.getVersion``, ``aria2.getGlobalStat``, ``aria2.tellActive``,
``aria2.tellWaiting``, ``aria2.pauseAll``, ``aria2.unpauseAll``.
"""

from __future__ import annotations

import itertools
import posixpath
from typing import Any

from pydantic import Field, SecretStr

from integrations._downloads.render import speed_chart, transfer_alerts, transfer_progress
from integrations._downloads.transfers import Transfer, TransferState, clamp_percent
from integrations.base import Action, Context, Endpoint, HttpConfig, Integration
from integrations.concurrency import all_of
from integrations.declarative import number
from integrations.errors import AuthError, BadResponseError
from integrations.models import ChartData, FetchResult, RendererKind, Severity, Stat, StatData

ID = "aria2"
KEYS = [
    "gid",
    "status",
    "totalLength",
    "completedLength",
    "downloadSpeed",
    "uploadSpeed",
    "files",
    "bittorrent",
    "errorMessage",
]
STATES = {"active": TransferState.DOWNLOADING, "waiting": TransferState.QUEUED, "paused": TransferState.PAUSED,
          "error": TransferState.ERROR, "complete": TransferState.FINISHED, "removed": TransferState.FINISHED}  # fmt: skip
_ids = itertools.count(1)


class Aria2Config(HttpConfig):
    secret: SecretStr | None = Field(
        default=None,
        title="RPC secret",
        description="The --rpc-secret (rpc-secret= in aria2.conf).",
    )
    rpc_path: str = Field(default="/jsonrpc", title="RPC path", description="Where the JSON-RPC endpoint is (default /jsonrpc).")  # fmt: skip


class Aria2(Integration):
    id = ID
    name = "aria2"
    icon = "⇩"
    category = "Downloads"
    description = "Download rate, active and waiting downloads with progress; pause or resume all."
    docs_url = "https://aria2.github.io/manual/en/html/aria2c.html#rpc-interface"
    config_model = Aria2Config
    endpoints = (
        Endpoint("status", "Status", RendererKind.STAT, ttl=10, refresh=10,
                 description="Download and upload rate (B/s), active, waiting and stopped downloads."),
        Endpoint("queue", "Downloads", RendererKind.PROGRESS, ttl=10, refresh=10,
                 description="Active and waiting downloads with percent done and ETA."),
        Endpoint("speed_history", "Speed history", RendererKind.CHART, ttl=5, refresh=5,
                 description="Download and upload rate over time."),
    )  # fmt: skip
    actions = (
        Action("pause_all", "Pause all", "Pause every aria2 download?", key="p"),
        Action("resume_all", "Resume all", "Resume every aria2 download?", key="r"),
    )

    async def call(self, ctx: Context, method: str, *params: Any) -> Any:
        secret = ctx.secret("secret")
        body = {"jsonrpc": "2.0", "id": next(_ids), "method": f"aria2.{method}",
                "params": ([f"token:{secret}"] if secret else []) + list(params)}  # fmt: skip
        response = await ctx.http.request(
            "POST", ctx.config.rpc_path, json=body, ok_statuses=(400,)
        )
        answer = response.json(method)
        if not isinstance(answer, dict) or not ({"result", "error"} & answer.keys()):
            raise BadResponseError(f"{ID}: {method}: not a JSON-RPC answer", integration=ID)
        error = answer.get("error")
        if isinstance(error, dict):
            message = str(error.get("message") or error.get("code"))
            if message == "Unauthorized":
                raise AuthError(f"{ID}: the RPC secret was refused", integration=ID,
                                hint="Give the --rpc-secret aria2 was started with.")  # fmt: skip
            raise BadResponseError(f"{ID}: {method} failed: {message}", integration=ID)
        return answer.get("result")

    async def test_connection(self, ctx: Context) -> str:
        version = await self.call(ctx, "getVersion")
        return f"aria2 {version.get('version', '?') if isinstance(version, dict) else '?'}"

    async def stat(self, ctx: Context) -> dict[str, Any]:
        stat = await self.call(ctx, "getGlobalStat")
        if not isinstance(stat, dict) or "downloadSpeed" not in stat:
            raise BadResponseError(f"{ID}: getGlobalStat: unexpected answer", integration=ID)
        return stat

    async def fetch_status(self, ctx: Context, options: None) -> StatData:
        s = await self.stat(ctx)
        return StatData(stats=[
            Stat(label="Download", value=number(s.get("downloadSpeed")), unit="B/s"),
            Stat(label="Upload", value=number(s.get("uploadSpeed")), unit="B/s"),
            Stat(label="Active", value=number(s.get("numActive"))),
            Stat(label="Waiting", value=number(s.get("numWaiting"))),
        ])  # fmt: skip

    async def fetch_queue(self, ctx: Context, options: None) -> FetchResult:
        active, waiting = await all_of(
            self.call(ctx, "tellActive", KEYS), self.call(ctx, "tellWaiting", 0, 100, KEYS)
        )
        transfers = [
            _transfer(d) for d in [*(active or []), *(waiting or [])] if isinstance(d, dict)
        ]
        return FetchResult(data=transfer_progress(transfers, empty_text="Nothing downloading"),
                           alerts=transfer_alerts(transfers, prefix="aria2"))  # fmt: skip

    async def fetch_speed_history(self, ctx: Context, options: None) -> ChartData:
        s = await self.stat(ctx)
        return speed_chart(
            number(s.get("downloadSpeed")) or 0.0, number(s.get("uploadSpeed")) or 0.0
        )

    async def action_pause_all(self, ctx: Context) -> str:
        await self.call(ctx, "pauseAll")
        return "aria2: all downloads paused"

    async def action_resume_all(self, ctx: Context) -> str:
        await self.call(ctx, "unpauseAll")
        return "aria2: all downloads resumed"


def _transfer(d: dict[str, Any]) -> Transfer:
    total, done = number(d.get("totalLength")) or 0, number(d.get("completedLength")) or 0
    rate = number(d.get("downloadSpeed")) or 0
    name = (
        ((d.get("bittorrent") or {}).get("info") or {}).get("name")
        if isinstance(d.get("bittorrent"), dict)
        else None
    )
    files = d.get("files") if isinstance(d.get("files"), list) else []
    if not name and files and isinstance(files[0], dict):
        name = posixpath.basename(str(files[0].get("path") or "")) or None
        if not name:
            uris = files[0].get("uris") or []
            name = str(uris[0].get("uri")) if uris and isinstance(uris[0], dict) else None
    state = STATES.get(str(d.get("status")), TransferState.UNKNOWN)
    problem = str(d.get("errorMessage") or "") if state is TransferState.ERROR else ""
    return Transfer(
        key=str(d.get("gid")), name=name or str(d.get("gid")), state=state,
        percent=clamp_percent(100 * done / total if total else 0),
        download_rate=float(rate), upload_rate=float(number(d.get("uploadSpeed")) or 0),
        eta_seconds=(total - done) / rate if rate > 0 and total > done else None, size=int(total),
        problem=problem, problem_level=Severity.WARNING if problem else Severity.OK,
    )  # fmt: skip


INTEGRATION = Aria2()
