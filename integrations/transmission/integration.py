"""Transmission: RPC at ``{url}{rpc_url}rpc`` with the CSRF session-id handshake.

The daemon answers 409 with an ``X-Transmission-Session-Id`` header until a request carries the
current id; we keep the id per app (``ctx.memo``) and retry a 409 once with the id it handed
us, so a restarted daemon (new id) costs one extra round trip, never an error. HTTP Basic is
sent only when a user name is configured (``rpc-authentication-required``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr, field_validator

from integrations._downloads.torrent import TorrentClient, torrent_actions, torrent_endpoints
from integrations._downloads.transfers import (
    Snapshot,
    Transfer,
    TransferState,
    clamp_percent,
    eta_or_none,
    stalled_if_idle,
)
from integrations.base import Context, HttpConfig, parse_model
from integrations.concurrency import all_of
from integrations.errors import BadResponseError
from integrations.models import Severity
from integrations.transmission.api import (
    TORRENT_FIELDS,
    RpcAnswer,
    SessionInfo,
    SessionStats,
    Torrent,
    TorrentList,
)

ID = "transmission"
SESSION_HEADER = "X-Transmission-Session-Id"

# tr_torrent_activity: 0 stopped, 1 queued to verify, 2 verifying, 3 queued to download,
# 4 downloading, 5 queued to seed, 6 seeding.
STATUS = {
    0: TransferState.PAUSED,
    1: TransferState.QUEUED,
    2: TransferState.CHECKING,
    3: TransferState.QUEUED,
    4: TransferState.DOWNLOADING,
    5: TransferState.QUEUED,
    6: TransferState.SEEDING,
}
# tr_stat_errtype: 1 tracker warning, 2 tracker error, 3 local error (stops the torrent).
TRACKER_WARNING, TRACKER_ERROR, LOCAL_ERROR = 1, 2, 3


class TransmissionConfig(HttpConfig):
    rpc_url: str = Field(
        default="/transmission/",
        title="RPC path",
        description="Path of the RPC endpoint up to the final 'rpc' (Homepage's rpcUrl). "
        "Change it only if the daemon's rpc-url setting or a reverse proxy moved it.",
    )
    username: str | None = Field(
        default=None,
        title="User name",
        description="Only when the daemon requires RPC authentication.",
    )
    password: SecretStr | None = Field(
        default=None, title="Password", description="The RPC password, with the user name."
    )

    @field_validator("rpc_url")
    @classmethod
    def _slashes(cls, value: str) -> str:
        """``transmission`` and ``/transmission`` mean ``/transmission/``; a URL is refused.

        A full URL here would be glued after the app URL (``http://nas:9091http://…``) and fail
        as "unreachable"; say which field takes it instead.
        """
        text = value.strip()
        if "://" in text or text.startswith("//"):
            raise ValueError(
                "the RPC path is a path such as /transmission/, not a URL: put the address "
                "(scheme, host, port) in the app's URL, or in 'API URL' when the RPC is served "
                "elsewhere"
            )
        return "/" + text.strip("/") + "/" if text.strip("/ ") else "/"


class RpcSession:
    """The per-app CSRF session id and the call that maintains it."""

    def __init__(self) -> None:
        self.session_id = ""

    async def call(
        self, ctx: Context, method: str, arguments: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Run one RPC method and return its ``arguments`` (raises unless "success")."""
        config: TransmissionConfig = ctx.config
        auth = (config.username, ctx.secret("password")) if config.username else None
        body: dict[str, Any] = {"method": method}
        if arguments:
            body["arguments"] = arguments
        path = f"{config.rpc_url}rpc"
        for _attempt in (1, 2):
            headers = {SESSION_HEADER: self.session_id} if self.session_id else {}
            response = await ctx.http.request(
                "POST", path, json=body, headers=headers, auth=auth, ok_statuses=(409,)
            )
            if response.status_code != 409:
                break
            fresh = response.headers.get(SESSION_HEADER, "")
            if not fresh:
                raise BadResponseError(
                    f"{ID}: {response.url} answered 409 without an {SESSION_HEADER} header",
                    hint="Is this Transmission's RPC URL? A proxy in front of it must pass "
                    f"the {SESSION_HEADER} header through.",
                    integration=ID,
                )
            self.session_id = fresh
        else:
            raise BadResponseError(
                f"{ID}: the daemon refused the session id it had just handed out (HTTP 409 twice)",
                integration=ID,
            )
        answer = parse_model(RpcAnswer, response.json(method), integration=ID, what=method)
        if answer.result != "success":
            raise BadResponseError(
                f"{ID}: {method} failed: {answer.result}",
                hint="This Transmission version may not support the request.",
                integration=ID,
            )
        return answer.arguments


def to_transfer(torrent: Torrent) -> Transfer:
    """One torrent in the shared vocabulary (see :data:`STATUS` for the codes)."""
    state = STATUS.get(torrent.status, TransferState.UNKNOWN)
    if state is TransferState.PAUSED and torrent.is_finished:
        state = TransferState.FINISHED
    state = stalled_if_idle(state, torrent.rate_download)
    problem, level = "", Severity.OK
    if torrent.error == LOCAL_ERROR:
        state, problem, level = TransferState.ERROR, torrent.error_string, Severity.WARNING
    elif torrent.error == TRACKER_ERROR:
        problem, level = f"Tracker error: {torrent.error_string}", Severity.WARNING
    elif torrent.error == TRACKER_WARNING:
        problem, level = f"Tracker warning: {torrent.error_string}", Severity.INFO
    return Transfer(
        key=torrent.hash,
        name=torrent.name,
        state=state,
        percent=clamp_percent(torrent.percent_done * 100),
        download_rate=torrent.rate_download,
        upload_rate=torrent.rate_upload,
        eta_seconds=eta_or_none(torrent.eta),
        size=torrent.size,
        problem=problem,
        problem_level=level,
    )


class Transmission(TorrentClient):
    """Transmission daemon over its JSON RPC."""

    id = ID
    name = "Transmission"
    description = "BitTorrent client: speeds, torrents and progress; pause or resume all."
    docs_url = "https://github.com/transmission/transmission/blob/main/docs/rpc-spec.md"
    config_model = TransmissionConfig
    endpoints = torrent_endpoints()
    actions = torrent_actions("Transmission")

    @staticmethod
    def rpc(ctx: Context) -> RpcSession:
        return ctx.memo("session", RpcSession)

    async def test_connection(self, ctx: Context) -> str:
        arguments = await self.rpc(ctx).call(
            ctx, "session-get", {"fields": ["version", "rpc-version"]}
        )
        info = parse_model(SessionInfo, arguments, integration=ID, what="session-get")
        return f"Transmission {info.version} (RPC {info.rpc_version})"

    async def snapshot(self, ctx: Context) -> Snapshot:
        rpc = self.rpc(ctx)
        stats_args, torrent_args = await all_of(
            rpc.call(ctx, "session-stats"),
            rpc.call(ctx, "torrent-get", {"fields": TORRENT_FIELDS}),
        )
        stats = parse_model(SessionStats, stats_args, integration=ID, what="session-stats")
        torrents = parse_model(TorrentList, torrent_args, integration=ID, what="torrent-get")
        return Snapshot(
            download_rate=stats.download_speed,
            upload_rate=stats.upload_speed,
            transfers=[to_transfer(t) for t in torrents.torrents],
        )

    async def pause(self, ctx: Context) -> None:
        await self.rpc(ctx).call(ctx, "torrent-stop")  # no "ids": every torrent

    async def resume(self, ctx: Context) -> None:
        await self.rpc(ctx).call(ctx, "torrent-start")


INTEGRATION = Transmission()
