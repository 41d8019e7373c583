"""Navidrome (any Subsonic-compatible server): songs in the library and what is playing.

Subsonic API 1.16 (https://www.subsonic.org/pages/api.jsp, as Navidrome implements it): every
call takes ``u`` (user), ``t`` = md5(password + ``s``) with a fresh random salt ``s``, ``v``,
``c`` and ``f=json``, and answers ``{"subsonic-response": {"status": "ok"|"failed", ...}}`` with
HTTP 200 even on failure (``error.code`` 40: wrong user or password). ``getScanStatus`` gives
``scanStatus.count`` (songs); ``getNowPlaying`` gives ``nowPlaying.entry`` (title, artist,
username, playerName).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from integrations.base import Context, Endpoint
from integrations.declarative import JsonIntegration, StatField, UserPasswordConfig, number
from integrations.errors import AuthError, BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import ListData, ListRow, RendererKind, StatData

ID = "navidrome"


class Navidrome(JsonIntegration):
    id = ID
    name = "Navidrome"
    icon = "🎵"
    category = "Media"
    description = "Songs in the library, scanning or not, and who is listening to what."
    docs_url = "https://www.navidrome.org/docs/developers/subsonic-api/"
    config_model = UserPasswordConfig
    # Homepage stores a pre-salted token; we need the password to salt each call ourselves
    homepage = HomepageMapping(keys={"user": "username"})
    endpoints = (
        Endpoint("library", "Library", RendererKind.STAT, ttl=600, refresh=600,
                 description="Songs, folders, and whether a scan is running."),
        Endpoint("now_playing", "Now playing", RendererKind.LIST, ttl=30, refresh=30,
                 description="Who listens to what, on which player."),
    )  # fmt: skip

    async def call(self, ctx: Context, method: str) -> dict[str, Any]:
        salt = secrets.token_hex(8)
        token = hashlib.md5(
            (ctx.secret("password") + salt).encode(), usedforsecurity=False
        ).hexdigest()
        params = {
            "u": ctx.config.username,
            "t": token,
            "s": salt,
            "v": "1.16.1",
            "c": "launcher-tui",
            "f": "json",
        }
        answer = await ctx.http.get_json(f"/rest/{method}", params=params, what=method)
        body = answer.get("subsonic-response") if isinstance(answer, dict) else None
        if not isinstance(body, dict):
            raise BadResponseError(f"{ID}: {method}: not a Subsonic answer", integration=ID)
        if body.get("status") != "ok":
            error = body.get("error") if isinstance(body.get("error"), dict) else {}
            message = str(error.get("message") or "failed")
            if error.get("code") in (40, 41, 44):
                raise AuthError(
                    f"{ID}: {message}", integration=ID, hint="Check the user name and password."
                )
            raise BadResponseError(f"{ID}: {method}: {message}", integration=ID)
        return body

    async def test_connection(self, ctx: Context) -> str:
        body = await self.call(ctx, "ping")
        return f"{'Navidrome' if body.get('type') == 'navidrome' else 'Subsonic'} {body.get('serverVersion') or body.get('version', '')}".rstrip()

    async def fetch_library(self, ctx: Context, options: None) -> StatData:
        scan = (await self.call(ctx, "getScanStatus")).get("scanStatus")
        if not isinstance(scan, dict):
            raise BadResponseError(f"{ID}: getScanStatus: no scanStatus", integration=ID)
        return StatData(stats=[
            StatField("Songs").stat(number(scan.get("count"))),
            StatField("Folders").stat(number(scan.get("folderCount"))),
            StatField("Scanning", text=True).stat("yes" if scan.get("scanning") else "no"),
        ])  # fmt: skip

    async def fetch_now_playing(self, ctx: Context, options: None) -> ListData:
        playing = (await self.call(ctx, "getNowPlaying")).get("nowPlaying") or {}
        entries = playing.get("entry") or [] if isinstance(playing, dict) else []
        rows = [
            ListRow(title=f"{e.get('username', '?')}: {e.get('title', '?')}",
                    detail=" · ".join(str(p) for p in (e.get("artist"), e.get("album"), e.get("playerName")) if p))
            for e in entries if isinstance(e, dict)
        ]  # fmt: skip
        return ListData(rows=rows, total=len(rows), empty_text="Nothing playing")


INTEGRATION = Navidrome()
