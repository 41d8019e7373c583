"""Deluge 2 through its web UI's JSON-RPC (``POST {url}/json``).

Authentication is ``auth.login [password]`` → ``_session_id`` cookie; a wrong password is
``{"result": false}`` with HTTP 200, an expired session is the JSON-RPC error code 1 ("Not
authenticated"), also HTTP 200, so both are recognised here rather than by status code.

The web UI is only a front end: it must be connected to a daemon, or every ``core.*`` call
hangs until it times out (checked on 2.0.3). ``web.update_ui`` says whether it is connected; if
not, we connect it to the first host of its host list that reports itself Online, as a person
would in the Connection Manager, and report clearly when none is.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr

from integrations._downloads.jsonrpc import parse_envelope, result_of, rpc_body
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
from integrations.client import HttpClient, LoginSession
from integrations.deluge.api import (
    TORRENT_FIELDS,
    HostList,
    HostStatus,
    TorrentStatuses,
    UiTorrent,
    UpdateUi,
)
from integrations.errors import AuthError, BadResponseError, UnreachableError
from integrations.models import Severity

ID = "deluge"
PATH = "/json"
NOT_AUTHENTICATED = 1  # JSON-RPC error code of an expired or missing session

STATES: dict[str, tuple[TransferState, str]] = {
    "Downloading": (TransferState.DOWNLOADING, ""),
    "Seeding": (TransferState.SEEDING, ""),
    "Paused": (TransferState.PAUSED, ""),
    "Checking": (TransferState.CHECKING, ""),
    "Allocating": (TransferState.CHECKING, "Allocating"),
    "Queued": (TransferState.QUEUED, ""),
    "Moving": (TransferState.MOVING, ""),
    "Error": (TransferState.ERROR, ""),
}


class DelugeConfig(HttpConfig):
    password: SecretStr = Field(
        title="Password", description="The Deluge web UI password (Deluge's default is 'deluge')."
    )


class DelugeSession(LoginSession):
    """``auth.login`` → cookie in the client's jar."""

    def __init__(self, password: str) -> None:
        super().__init__()
        self.password = password

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        response = await http.request("POST", PATH, json=rpc_body("auth.login", [self.password]))
        answer = parse_envelope(response.json("auth.login"), integration=ID, method="auth.login")
        result = result_of(answer, integration=ID, method="auth.login")
        if result is False:
            raise AuthError(f"{ID}: the web UI password was refused", integration=ID)
        if result is not True:
            raise BadResponseError(
                f"{ID}: auth.login answered {str(result)[:60]!r} instead of true/false",
                integration=ID,
            )
        return {}, None  # deluge-web extends the session on use; code 1 tells us it ended


async def call(ctx: Context, method: str, *params: Any) -> Any:
    """One JSON-RPC call in the session, logging in again once if the session ended."""
    session: DelugeSession = ctx.memo("session", lambda: DelugeSession(ctx.secret("password")))
    for attempt in (1, 2):
        headers, generation = await session.current(ctx.http)
        body = rpc_body(method, [*params])
        response = await ctx.http.request("POST", PATH, json=body, headers=headers)
        answer = parse_envelope(response.json(method), integration=ID, method=method)
        if answer.error is None or answer.error.code != NOT_AUTHENTICATED:
            return result_of(answer, integration=ID, method=method)
        session.invalidate(generation)
        if attempt == 2:
            raise AuthError(
                f"{ID}: the web UI refused a fresh session for {method}", integration=ID
            )
    raise AssertionError("unreachable")


async def connect_daemon(ctx: Context) -> None:
    """Connect the web UI to the first Online daemon of its host list."""
    hosts = parse_model(HostList, await call(ctx, "web.get_hosts"), integration=ID, what="hosts")
    seen = []
    for host_id, address, port, *_ in hosts.root:
        status = parse_model(
            HostStatus,
            await call(ctx, "web.get_host_status", host_id),
            integration=ID,
            what="host status",
        ).status
        if status in ("Online", "Connected"):
            await call(ctx, "web.connect", host_id)
            return
        seen.append(f"{address}:{port} {status or 'unknown'}")
    raise UnreachableError(
        f"{ID}: the web UI is not connected to a Deluge daemon and none of its hosts is online"
        f" ({', '.join(seen) or 'no hosts configured'})",
        hint="Start deluged, or add it in the web UI's Connection Manager.",
        integration=ID,
    )


async def update_ui(ctx: Context, fields: list[str]) -> UpdateUi:
    """``web.update_ui``, connecting the web UI to a daemon first when it is not."""
    for attempt in (1, 2):
        ui = parse_model(
            UpdateUi, await call(ctx, "web.update_ui", fields, {}), integration=ID, what="update_ui"
        )
        if ui.connected and ui.torrents is not None:
            return ui
        if attempt == 1:
            await connect_daemon(ctx)
    raise UnreachableError(f"{ID}: the web UI did not stay connected to its daemon", integration=ID)


async def torrent_statuses(ctx: Context, ui: UpdateUi) -> TorrentStatuses:
    """The torrents of ``ui``, asked of the daemon directly when the web UI's are incomplete.

    deluge-web serves ``web.update_ui`` from a cache it fills with *diffs* from the daemon
    (``get_torrents_status(..., diff=True)``); when the two disagree, e.g. after the web UI
    reconnected to its daemon, torrents come back as ``{}`` (seen on 2.0.3). The daemon's own
    non-diff status is complete, and safe to call here because ``ui`` proved a daemon is
    connected (``core.*`` calls hang otherwise).
    """
    raw: Any = ui.torrents or {}
    if not ui.complete():
        raw = await call(ctx, "core.get_torrents_status", {}, TORRENT_FIELDS)
    return parse_model(TorrentStatuses, raw, integration=ID, what="torrent status")


def to_transfer(torrent_id: str, torrent: UiTorrent) -> Transfer:
    state, label = STATES.get(torrent.state, (TransferState.UNKNOWN, torrent.state))
    state = stalled_if_idle(state, torrent.download_payload_rate)
    in_error = state is TransferState.ERROR
    message = torrent.message if torrent.message and torrent.message != "OK" else ""
    return Transfer(
        key=torrent_id,
        name=torrent.name,
        state=state,
        percent=clamp_percent(torrent.progress),
        download_rate=torrent.download_payload_rate,
        upload_rate=torrent.upload_payload_rate,
        eta_seconds=eta_or_none(torrent.eta),
        size=torrent.total_wanted,
        problem=message or ("Deluge reports an error" if in_error else ""),
        problem_level=Severity.WARNING if in_error else Severity.OK,
        status_text=label,
    )


class Deluge(TorrentClient):
    """Deluge web UI JSON-RPC."""

    id = ID
    name = "Deluge"
    description = "BitTorrent client: speeds, torrents and progress; pause or resume all."
    docs_url = "https://deluge.readthedocs.io/en/latest/reference/webapi.html"
    config_model = DelugeConfig
    endpoints = torrent_endpoints()
    actions = torrent_actions("Deluge")

    async def test_connection(self, ctx: Context) -> str:
        await update_ui(ctx, ["name"])  # logs in and makes sure a daemon is connected
        version = await call(ctx, "daemon.get_version")
        if not isinstance(version, str):
            raise BadResponseError(f"{ID}: daemon.get_version gave {version!r}", integration=ID)
        return f"Deluge {version}"

    async def snapshot(self, ctx: Context) -> Snapshot:
        ui = await update_ui(ctx, TORRENT_FIELDS)
        statuses = await torrent_statuses(ctx, ui)
        return Snapshot(
            download_rate=ui.stats.download_rate,
            upload_rate=ui.stats.upload_rate,
            transfers=[to_transfer(key, t) for key, t in statuses.root.items()],
        )

    async def pause(self, ctx: Context) -> None:
        await self._all_torrents(ctx, "core.pause_torrents")

    async def resume(self, ctx: Context) -> None:
        await self._all_torrents(ctx, "core.resume_torrents")

    async def _all_torrents(self, ctx: Context, method: str) -> None:
        """Pause/resume the torrents themselves, by explicit ids.

        Checked on Deluge 2.0.3: ``core.pause_torrents(ids)`` sets the same per-torrent state the
        web UI's Pause/Resume buttons do (every torrent then shows "Paused", ~1-2 s later);
        called without ids it did nothing. ``core.pause_session`` also makes every torrent read
        "Paused", but pauses the libtorrent session, a separate switch the web UI has no button
        for, so a person could not undo it from there. The plural calls exist since 2.0;
        ``core.pause_torrent`` (singular) takes one id in 2.1.
        """
        ui = await update_ui(ctx, ["name"])
        ids = sorted(ui.torrents or {})
        if ids:
            await call(ctx, method, ids)


INTEGRATION = Deluge()
