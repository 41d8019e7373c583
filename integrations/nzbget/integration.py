"""NZBGet: JSON-RPC at ``{url}/jsonrpc`` with HTTP Basic (the Control user/password).

A wrong password is a plain 401, mapped to an auth error by the HTTP client. Pause/resume are
the global ``pausedownload``/``resumedownload`` switches (what the web UI's pause button does);
NZBs paused one by one stay paused.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from integrations._downloads.jsonrpc import parse_envelope, result_of, rpc_body
from integrations._downloads.render import speed_chart, transfer_alerts, transfer_progress
from integrations._downloads.transfers import Transfer, TransferState, clamp_percent
from integrations.base import Action, Context, Endpoint, HttpConfig, Integration, parse_model
from integrations.concurrency import all_of
from integrations.errors import BadResponseError
from integrations.models import (
    Alert,
    ChartData,
    FetchResult,
    RendererKind,
    Severity,
    Stat,
    StatData,
)
from integrations.nzbget.api import Group, GroupList, Status

ID = "nzbget"
PATH = "/jsonrpc"

GROUP_STATES: dict[str, tuple[TransferState, str]] = {
    "QUEUED": (TransferState.QUEUED, ""),
    "PAUSED": (TransferState.PAUSED, ""),
    "DOWNLOADING": (TransferState.DOWNLOADING, ""),
    "FETCHING": (TransferState.DOWNLOADING, "Fetching"),
    "PP_QUEUED": (TransferState.QUEUED, "Queued for post-processing"),
    "LOADING_PARS": (TransferState.POST_PROCESSING, "Loading pars"),
    "VERIFYING_SOURCES": (TransferState.POST_PROCESSING, "Verifying"),
    "REPAIRING": (TransferState.POST_PROCESSING, "Repairing"),
    "VERIFYING_REPAIRED": (TransferState.POST_PROCESSING, "Verifying"),
    "RENAMING": (TransferState.POST_PROCESSING, "Renaming"),
    "UNPACKING": (TransferState.POST_PROCESSING, "Unpacking"),
    "MOVING": (TransferState.POST_PROCESSING, "Moving"),
    "EXECUTING_SCRIPT": (TransferState.POST_PROCESSING, "Running script"),
    "PP_FINISHED": (TransferState.FINISHED, ""),
}


class NzbgetConfig(HttpConfig):
    username: str = Field(
        default="nzbget",
        title="User name",
        description="ControlUsername in nzbget.conf (empty if the web interface has no login).",
    )
    password: SecretStr | None = Field(
        default=None, title="Password", description="ControlPassword in nzbget.conf."
    )


async def call(ctx: Context, method: str, *params: Any) -> Any:
    """One JSON-RPC call with Basic auth when a user name is configured."""
    auth = (ctx.config.username, ctx.secret("password")) if ctx.config.username else None
    response = await ctx.http.request("POST", PATH, json=rpc_body(method, [*params]), auth=auth)
    answer = parse_envelope(response.json(method), integration=ID, method=method)
    return result_of(answer, integration=ID, method=method)


async def status(ctx: Context) -> Status:
    return parse_model(Status, await call(ctx, "status"), integration=ID, what="status")


def to_transfers(groups: list[Group], state: Status) -> list[Transfer]:
    """Queue entries with percent done and an ETA from the global rate.

    NZBGet downloads its queue in order, so an NZB's ETA is the time to fetch everything
    ahead of it plus itself at the current rate (as its web UI estimates); paused NZBs and a
    paused or idle queue have none.
    """
    transfers, ahead = [], 0
    rate = 0 if state.DownloadPaused else state.DownloadRate
    for group in groups:
        kind, label = GROUP_STATES.get(group.Status, (TransferState.UNKNOWN, group.Status))
        active = max(0, group.remaining - group.paused_size)
        ahead += active
        eta = ahead / rate if rate > 0 and active > 0 else None
        done = group.file_size - group.remaining
        percent = 100.0 * done / group.file_size if group.file_size > 0 else 0.0
        critical = group.CriticalHealth > 0 and group.Health < group.CriticalHealth
        transfers.append(
            Transfer(
                key=str(group.NZBID),
                name=group.NZBName,
                state=kind,
                percent=clamp_percent(percent),
                eta_seconds=eta,
                size=group.file_size,
                problem=f"Health {group.Health / 10:.1f}% is below critical "
                f"{group.CriticalHealth / 10:.1f}%"
                if critical
                else "",
                problem_level=Severity.WARNING if critical else Severity.OK,
                status_text=label,
            )
        )
    return transfers


class Nzbget(Integration):
    """NZBGet Usenet downloader."""

    id = ID
    name = "NZBGet"
    icon = "⇩"
    category = "Downloads"
    description = "Usenet downloader: rate, remaining and queue progress; pause or resume."
    docs_url = "https://nzbget.com/documentation/api/"
    config_model = NzbgetConfig
    endpoints = (
        Endpoint(
            "status",
            "Status",
            RendererKind.STAT,
            ttl=10,
            refresh=10,
            description="Download rate (B/s), remaining and downloaded bytes, paused or not.",
        ),
        Endpoint(
            "queue",
            "Queue",
            RendererKind.PROGRESS,
            ttl=10,
            refresh=10,
            description="NZBs in the queue with percent done and ETA; bad health raises alerts.",
        ),
        Endpoint(
            "speed_history",
            "Speed history",
            RendererKind.CHART,
            ttl=5,
            refresh=5,
            description="Download rate over time.",
        ),
    )
    actions = (
        Action(
            id="pause_all",
            label="Pause downloads",
            confirm="Pause all downloading on NZBGet?",
            key="p",
        ),
        Action(
            id="resume_all",
            label="Resume downloads",
            confirm="Resume downloading on NZBGet?",
            key="r",
        ),
    )

    async def test_connection(self, ctx: Context) -> str:
        version = await call(ctx, "version")
        if not isinstance(version, str) or not version:
            raise BadResponseError(f"{ID}: version gave {version!r}", integration=ID)
        return f"NZBGet {version}"

    async def fetch_status(self, ctx: Context, options: Any) -> FetchResult:
        state = await status(ctx)
        if state.DownloadPaused:
            activity, level = "Paused", Severity.INFO
        else:
            activity, level = ("Downloading" if state.DownloadRate > 0 else "Idle"), Severity.OK
        alerts = []
        if state.QuotaReached:
            alerts.append(
                Alert(
                    severity=Severity.WARNING,
                    message="Download quota reached: NZBGet stopped downloading",
                    key="quota",
                )
            )
        data = StatData(
            stats=[
                Stat(label="Download", value=state.DownloadRate, unit="B/s"),
                Stat(label="Remaining", value=state.remaining, unit="B"),
                Stat(label="Downloaded", value=state.downloaded, unit="B"),
                Stat(label="State", value=activity, level=level),
            ]
        )
        return FetchResult(data=data, alerts=alerts)

    async def fetch_queue(self, ctx: Context, options: Any) -> FetchResult:
        state, raw = await all_of(status(ctx), call(ctx, "listgroups", 0))
        groups = parse_model(GroupList, raw, integration=ID, what="listgroups").root
        transfers = to_transfers(groups, state)
        return FetchResult(
            data=transfer_progress(transfers, empty_text="Queue is empty"),
            alerts=transfer_alerts(transfers, prefix="nzb"),
        )

    async def fetch_speed_history(self, ctx: Context, options: Any) -> ChartData:
        return speed_chart((await status(ctx)).DownloadRate)

    async def action_pause_all(self, ctx: Context) -> str:
        await self._switch(ctx, "pausedownload")
        return "NZBGet: downloads paused"

    async def action_resume_all(self, ctx: Context) -> str:
        await self._switch(ctx, "resumedownload")
        return "NZBGet: downloads resumed"

    async def _switch(self, ctx: Context, method: str) -> None:
        if await call(ctx, method) is not True:
            raise BadResponseError(f"{ID}: {method} was not accepted", integration=ID)


INTEGRATION = Nzbget()
