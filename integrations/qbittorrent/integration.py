"""qBittorrent: Web API v2 behind a login session (``SID`` cookie).

Login is ``POST /api/v2/auth/login`` with a form; qBittorrent answers **200** either way, with
``Ok.`` or ``Fails.`` in the body, so the body decides. An expired session answers 403, and
:class:`~integrations.client.LoginSession` logs in again once. Too many failed logins get the
client's IP banned for a while (403 on the login itself): that is reported as an auth error
that says so, and we never retry in a loop.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr

from integrations._downloads.torrent import TorrentClient, torrent_actions, torrent_endpoints
from integrations._downloads.transfers import (
    Snapshot,
    Transfer,
    TransferState,
    clamp_percent,
    eta_or_none,
)
from integrations.base import Context, HttpConfig, parse_model
from integrations.client import HttpClient, HttpResponse, LoginSession
from integrations.concurrency import all_of
from integrations.errors import AuthError, BadResponseError, BadStatusError, ForbiddenError
from integrations.models import Severity
from integrations.qbittorrent.api import TorrentInfo, TorrentInfoList, TransferInfo

ID = "qbittorrent"
VERSION_RE = re.compile(r"v?\d+(\.\d+)+\S{0,20}")  # "v4.5.2", "2.8.19", "v5.0.0beta1"

STATES: dict[str, TransferState] = {
    "downloading": TransferState.DOWNLOADING,
    "forcedDL": TransferState.DOWNLOADING,
    "allocating": TransferState.DOWNLOADING,
    "stalledDL": TransferState.STALLED,
    "metaDL": TransferState.METADATA,
    "forcedMetaDL": TransferState.METADATA,
    "uploading": TransferState.SEEDING,
    "forcedUP": TransferState.SEEDING,
    "stalledUP": TransferState.SEEDING,  # complete, no peer wants data right now: still seeding
    "pausedDL": TransferState.PAUSED,
    "pausedUP": TransferState.PAUSED,
    "stoppedDL": TransferState.PAUSED,  # 5.x names
    "stoppedUP": TransferState.PAUSED,
    "queuedDL": TransferState.QUEUED,
    "queuedUP": TransferState.QUEUED,
    "checkingDL": TransferState.CHECKING,
    "checkingUP": TransferState.CHECKING,
    "checkingResumeData": TransferState.CHECKING,
    "moving": TransferState.MOVING,
    "error": TransferState.ERROR,
    "missingFiles": TransferState.ERROR,
}
PROBLEMS = {
    "error": "qBittorrent reports an error (see its log)",
    "missingFiles": "Files are missing",
}


class QbittorrentConfig(HttpConfig):
    username: str = Field(default="admin", title="User name", description="The Web UI user name.")
    password: SecretStr | None = Field(
        default=None,
        title="Password",
        description="The Web UI password. Leave empty only if qBittorrent skips authentication "
        "for this address (whitelisted subnet or localhost bypass).",
    )


def host_rejected(http: HttpClient, path: str) -> ForbiddenError:
    """qBittorrent's 401: its Host-header validation or CSRF check, before any password check.

    A wrong password is HTTP 200 "Fails." and an expired session 403; 401 "Unauthorized" comes
    only when the Host header is not an IP address or a whitelisted domain, or Origin/Referer
    do not match Host (qbittorrent/qBittorrent#19712, #15773).
    """
    host = urlsplit(http.base_url).hostname or http.base_url
    return ForbiddenError(
        f"{ID}: qBittorrent rejected the request to {path} before checking the password "
        f"(HTTP 401): its Host-header validation or CSRF check does not accept {host!r}",
        status_code=401,
        code="host_rejected",
        hint=f"In qBittorrent (Options → Web UI) add {host} to the server domains or turn off "
        "Host header validation, use its IP address in the URL, or make the reverse proxy "
        "pass the original Host and no foreign Origin/Referer.",
        integration=ID,
    )


class QbittorrentSession(LoginSession):
    """Form login → ``SID`` cookie in the client's jar (no headers of our own)."""

    expired_statuses = (403,)  # 401 is the Host/CSRF check (see host_rejected)

    def __init__(self, username: str, password: str) -> None:
        super().__init__()
        self.username = username
        self.password = password

    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        if not self.password:
            return {}, None  # authentication bypassed for this client: nothing to log in to
        response = await http.request(
            "POST",
            "/api/v2/auth/login",
            data={"username": self.username, "password": self.password},
            ok_statuses=(401, 403),
        )
        body = response.text.strip()
        if response.status_code == 401:
            raise host_rejected(http, "/api/v2/auth/login")
        if response.status_code == 403:
            raise AuthError(
                f"{ID}: login refused (HTTP 403): {body or 'Forbidden'}",
                hint="qBittorrent bans an address after repeated failed logins; wait for the "
                "ban to expire (WebUI\\BanDuration) and check the password.",
                integration=ID,
            )
        if body == "Fails.":
            raise AuthError(f"{ID}: the user name or password was refused", integration=ID)
        if body != "Ok.":
            raise BadResponseError(
                f"{ID}: unexpected login answer from {response.url}: {body[:80]!r}",
                integration=ID,
            )
        return {}, None  # the session lasts until qBittorrent answers 403 (WebUI timeout)

    async def request(
        self, http: HttpClient, method: str, path: str, **kwargs: Any
    ) -> HttpResponse:
        """A request in the session; qBittorrent's 401 is its Host/CSRF check, not a session."""
        accepted = tuple(kwargs.pop("ok_statuses", ()))
        response = await super().request(http, method, path, ok_statuses=(*accepted, 401), **kwargs)
        if response.status_code == 401 and 401 not in accepted:
            raise host_rejected(http, path)
        return response

    async def logout(self, http: HttpClient) -> None:
        if self.logged_in and self.password:
            await http.request("POST", "/api/v2/auth/logout")


def to_transfer(torrent: TorrentInfo) -> Transfer:
    state = STATES.get(torrent.state, TransferState.UNKNOWN)
    problem = PROBLEMS.get(torrent.state, "")
    return Transfer(
        key=torrent.hash,
        name=torrent.name,
        state=state,
        percent=clamp_percent(torrent.progress * 100),
        download_rate=torrent.dlspeed,
        upload_rate=torrent.upspeed,
        eta_seconds=eta_or_none(torrent.eta),
        size=torrent.size,
        problem=problem,
        problem_level=Severity.WARNING if problem else Severity.OK,
        status_text="" if state is not TransferState.UNKNOWN else torrent.state,
    )


class Qbittorrent(TorrentClient):
    """qBittorrent Web API v2."""

    id = ID
    name = "qBittorrent"
    description = "BitTorrent client: speeds, torrents and progress; pause or resume all."
    docs_url = "https://github.com/qbittorrent/qBittorrent/wiki/WebUI-API-(qBittorrent-4.1)"
    config_model = QbittorrentConfig
    endpoints = torrent_endpoints()
    actions = torrent_actions("qBittorrent")

    @staticmethod
    def session(ctx: Context) -> QbittorrentSession:
        def make() -> QbittorrentSession:
            session = QbittorrentSession(ctx.config.username, ctx.secret("password"))
            ctx.on_close(lambda: session.logout(ctx.http))
            return session

        return ctx.memo("session", make)

    async def _text(self, ctx: Context, path: str) -> str:
        response = await self.session(ctx).request(ctx.http, "GET", path)
        return response.text.strip()

    async def test_connection(self, ctx: Context) -> str:
        version = await self._text(ctx, "/api/v2/app/version")
        api = await self._text(ctx, "/api/v2/app/webapiVersion")
        if not VERSION_RE.fullmatch(version) or not VERSION_RE.fullmatch(api):
            raise BadResponseError(
                f"{ID}: {ctx.base_url} does not look like qBittorrent "
                f"(version answer {version[:40]!r})",
                integration=ID,
            )
        return f"qBittorrent {version} (Web API {api})"

    async def snapshot(self, ctx: Context) -> Snapshot:
        session = self.session(ctx)
        info_body, torrents_body = await all_of(
            session.get_json(ctx.http, "/api/v2/transfer/info", what="transfer info"),
            session.get_json(ctx.http, "/api/v2/torrents/info", what="torrent list"),
        )
        info = parse_model(TransferInfo, info_body, integration=ID, what="transfer/info")
        torrents = parse_model(TorrentInfoList, torrents_body, integration=ID, what="torrents/info")
        return Snapshot(
            download_rate=info.dl_info_speed,
            upload_rate=info.up_info_speed,
            transfers=[to_transfer(t) for t in torrents.root],
        )

    async def pause(self, ctx: Context) -> None:
        await self._all_torrents(ctx, "pause", "stop")

    async def resume(self, ctx: Context) -> None:
        await self._all_torrents(ctx, "resume", "start")

    async def _all_torrents(self, ctx: Context, verb_4x: str, verb_5x: str) -> None:
        """POST ``/api/v2/torrents/<verb>`` with ``hashes=all``.

        qBittorrent 5.0 (Web API 2.11) renamed pause/resume to stop/start and answers 404 for
        the old names; 4.x answers 404 for the new ones. We try the 4.x name first, fall back to
        the 5.x name on 404, and remember per app which one worked so later calls hit it first.
        """
        verbs = [verb_4x, verb_5x] if ctx.state.get("qbt_verbs") != "5.x" else [verb_5x, verb_4x]
        session = self.session(ctx)
        for verb in verbs:
            response = await session.request(
                ctx.http,
                "POST",
                f"/api/v2/torrents/{verb}",
                data={"hashes": "all"},
                ok_statuses=(404,),
            )
            if response.status_code != 404:
                ctx.state["qbt_verbs"] = "5.x" if verb == verb_5x else "4.x"
                return
        raise BadStatusError(
            f"{ID}: neither /api/v2/torrents/{verb_4x} nor /{verb_5x} exists on {ctx.base_url}",
            status_code=404,
            integration=ID,
        )


INTEGRATION = Qbittorrent()
