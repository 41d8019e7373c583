"""Plex Media Server: who is watching what, transcodes, and library counts (XML API).

Plex answers XML (https://plexapi.dev/ and python-plexapi's models): ``GET /status/sessions`` →
``<MediaContainer size="N">`` with one ``<Video>``/``<Track>`` per stream (``title``,
``grandparentTitle``, ``viewOffset``, ``duration`` in ms; a ``<User title>``, a ``<Player
state>`` and a ``<TranscodeSession videoDecision>`` when transcoding); ``GET /library/sections``
→ ``<Directory key type title>``; ``GET /library/sections/{key}/all`` with
``X-Plex-Container-Size=0`` → ``totalSize``; ``GET /identity`` → ``version``. The token
(``X-Plex-Token``, see "Finding an authentication token" in Plex's support pages) goes in the
query; a wrong one is answered 401.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pydantic import Field, SecretStr

from integrations._media import MediaServer, Playback, percent_of
from integrations.base import Context, HttpConfig
from integrations.concurrency import all_of
from integrations.declarative import number
from integrations.errors import BadResponseError

ID = "plex"
_KINDS = {"movie": "Movies", "show": "Shows", "artist": "Artists", "photo": "Photos"}


class PlexConfig(HttpConfig):
    token: SecretStr = Field(
        title="Plex token",
        description="Plex Web → any item → ⋯ → Get Info → View XML: the X-Plex-Token in that URL.",
    )


class Plex(MediaServer):
    id = ID
    name = "Plex"
    icon = "🟧"
    description = "Now playing (who, what, progress, transcode), streams, library counts."
    docs_url = "https://plexapi.dev/"
    config_model = PlexConfig

    async def xml(self, ctx: Context, path: str, **params: str) -> ET.Element:
        response = await ctx.http.request(
            "GET", path, params={**params, "X-Plex-Token": ctx.secret("token")},
            headers={"Accept": "application/xml"},
        )  # fmt: skip
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError as exc:
            raise BadResponseError(
                f"{ID}: {path} did not answer XML ({exc})", integration=ID
            ) from exc
        if root.tag != "MediaContainer":
            raise BadResponseError(
                f"{ID}: {path} answered <{root.tag}>, not a MediaContainer", integration=ID
            )
        return root

    async def test_connection(self, ctx: Context) -> str:
        identity = await self.xml(ctx, "/identity")
        await self.xml(ctx, "/library/sections")  # /identity is public: prove the token too
        return f"Plex {identity.get('version', '')}".rstrip()

    async def sessions(self, ctx: Context) -> list[Playback]:
        root = await self.xml(ctx, "/status/sessions")
        playing = []
        for item in root:
            if item.tag not in ("Video", "Track", "Episode"):
                continue
            user = item.find("User")
            player = item.find("Player")
            transcode = item.find("TranscodeSession")
            title = item.get("title") or "?"
            if item.get("grandparentTitle"):
                title = f"{item.get('grandparentTitle')} · {title}"
            playing.append(Playback(
                who=(user.get("title") if user is not None else None) or "someone",
                title=title,
                percent=percent_of(number(item.get("viewOffset")), number(item.get("duration"))),
                transcode=transcode is not None and transcode.get("videoDecision", "transcode") == "transcode",
                paused=player is not None and player.get("state") == "paused",
                device=(player.get("title") or player.get("product") or "") if player is not None else "",
            ))  # fmt: skip
        return playing

    async def library(self, ctx: Context) -> list[tuple[str, int | None]]:
        sections = [d for d in await self.xml(ctx, "/library/sections") if d.tag == "Directory"]
        sizes = await all_of(*(
            self.xml(ctx, f"/library/sections/{d.get('key')}/all",
                     **{"X-Plex-Container-Start": "0", "X-Plex-Container-Size": "0"})
            for d in sections
        ))  # fmt: skip
        totals: dict[str, int] = {}
        for directory, answer in zip(sections, sizes, strict=True):
            label = _KINDS.get(directory.get("type") or "", "Other")
            totals[label] = totals.get(label, 0) + int(
                number(answer.get("totalSize") or answer.get("size")) or 0
            )
        return [(label, totals[label]) for label in (*_KINDS.values(), "Other") if label in totals]


INTEGRATION = Plex()
