"""Media servers against loopback servers answering as their APIs document: Jellyfin (both
ways of sending the key), Emby (under /emby) and Plex (XML)."""

from __future__ import annotations

import pytest

from integrations.errors import AuthError, BadResponseError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Request, Response
from tests.support.timeouts import REQUEST_TIMEOUT

KEY = "4f1e2d3c4b5a69788796a5b4c3d2e1f0"
SESSIONS = [
    {"Id": "s1", "UserName": "ana", "DeviceName": "Living room TV", "Client": "Android TV",
     "NowPlayingItem": {"Name": "Hello, Ms. Cobel", "SeriesName": "Severance", "Type": "Episode", "RunTimeTicks": 30_000_000_000},
     "PlayState": {"PositionTicks": 15_000_000_000, "IsPaused": False},
     "TranscodingInfo": {"IsVideoDirect": False, "VideoCodec": "h264"}},
    {"Id": "s2", "UserName": "bo", "DeviceName": "Phone",
     "NowPlayingItem": {"Name": "Dune", "Type": "Movie", "RunTimeTicks": 10_000_000_000},
     "PlayState": {"PositionTicks": 9_000_000_000, "IsPaused": True}},
    {"Id": "s3", "UserName": "idle", "DeviceName": "Laptop"},  # connected, not playing
]  # fmt: skip
COUNTS = {
    "MovieCount": 812,
    "SeriesCount": 64,
    "EpisodeCount": 3120,
    "SongCount": 0,
    "BookCount": 3,
}


def serve_jellyfin(loopback: LoopbackServer, prefix: str = "", counts: object = COUNTS) -> None:
    def authorised(req: Request) -> bool:
        auth = req.header("authorization") or ""
        return req.header("x-emby-token") == KEY or f'Token="{KEY}"' in auth

    for path, body in (
        ("/System/Info", {"Version": "10.10.3", "ServerName": "media", "Id": "abc"}),
        ("/Sessions", SESSIONS),
        ("/Items/Counts", counts),
    ):
        loopback.route("GET", f"{prefix}{path}",
                       lambda req, body=body: Response(200, body) if authorised(req) else Response(401, b""))  # fmt: skip


def jellyfin(
    url: str, style: str = "authorization", key: str = KEY, kind: str = "jellyfin"
) -> Target:
    config = {"api_key": key} if kind == "emby" else {"api_key": key, "auth_header": style}
    return Target("j", "Media", url, kind, config=config, timeout=REQUEST_TIMEOUT)


@pytest.mark.parametrize("style", ["authorization", "x-emby-token"])
async def test_jellyfin_now_playing_both_key_styles(
    loopback: LoopbackServer, runtime: Runtime, style: str
) -> None:
    serve_jellyfin(loopback)
    outcome = await runtime.test_connection(jellyfin(loopback.url, style))
    assert outcome.ok and outcome.summary == "Jellyfin 10.10.3 (media)", outcome.error
    items = (await fetch(runtime, jellyfin(loopback.url, style), "now_playing")).data.items
    assert [(i.label, i.percent, i.detail, i.level) for i in items] == [
        (
            "ana: Severance · Hello, Ms. Cobel",
            50.0,
            "playing · transcode · Living room TV",
            Severity.INFO,
        ),
        ("bo: Dune", 90.0, "paused · direct · Phone", Severity.OK),
    ]
    streams = (await fetch(runtime, jellyfin(loopback.url, style), "streams")).data.stats
    assert [(s.label, s.value) for s in streams] == [
        ("Streams", 2),
        ("Transcoding", 1),
        ("Paused", 1),
    ]


async def test_jellyfin_library_refused_and_wrong_shape(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve_jellyfin(loopback, counts={"Items": []})
    with pytest.raises(AuthError):
        await fetch(runtime, jellyfin(loopback.url, key="wrong"), "library")
    with pytest.raises(BadResponseError, match="MovieCount"):
        await fetch(runtime, jellyfin(loopback.url), "library")


async def test_emby_lives_under_emby(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_jellyfin(loopback, prefix="/emby")
    stats = (await fetch(runtime, jellyfin(loopback.url, kind="emby"), "library")).data.stats
    assert [(s.label, s.value) for s in stats] == [
        ("Movies", 812),
        ("Series", 64),
        ("Episodes", 3120),
        ("Songs", 0),
    ]
    assert (await fetch(runtime, jellyfin(loopback.url, kind="emby"), "streams")).data.stats[
        0
    ].value == 2
    outcome = await runtime.test_connection(jellyfin(loopback.url, key="wrong", kind="emby"))
    assert isinstance(outcome.error, AuthError)


# -- Plex ----------------------------------------------------------------------------------------

TOKEN = "xYz-plexToken-123"
PLEX_SESSIONS = b"""<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="2">
  <Video grandparentTitle="The Bear" title="Fishes" type="episode" viewOffset="1200000" duration="4800000">
    <User id="1" title="ana"/><Player title="Apple TV" state="playing"/>
    <TranscodeSession key="/transcode/x" videoDecision="transcode" audioDecision="copy"/>
  </Video>
  <Track title="Blue in Green" grandparentTitle="Miles Davis" viewOffset="60000" duration="337000">
    <User id="2" title="bo"/><Player product="Plexamp" state="paused"/>
  </Track>
</MediaContainer>"""
SECTIONS = b"""<MediaContainer size="3"><Directory key="1" type="movie" title="Movies"/>
<Directory key="2" type="show" title="TV"/><Directory key="3" type="movie" title="Kids"/></MediaContainer>"""


def serve_plex(loopback: LoopbackServer, sessions: bytes = PLEX_SESSIONS) -> None:
    def xml(body: bytes):  # type: ignore[no-untyped-def]
        return lambda req: (
            Response(200, body, headers={"Content-Type": "text/xml"})
            if req.param("X-Plex-Token") == TOKEN
            else Response(
                401,
                b"<html><head><title>Unauthorized</title></head></html>",
                headers={"Content-Type": "text/html"},
            )
        )

    loopback.route(
        "GET",
        "/identity",
        lambda req: Response(
            200, b'<MediaContainer size="0" machineIdentifier="m" version="1.41.2.9200"/>'
        ),
    )
    loopback.route("GET", "/status/sessions", xml(sessions))
    loopback.route("GET", "/library/sections", xml(SECTIONS))
    for key, size in (("1", 700), ("2", 55), ("3", 40)):
        loopback.route(
            "GET",
            f"/library/sections/{key}/all",
            xml(f'<MediaContainer size="0" totalSize="{size}"/>'.encode()),
        )


def plex(url: str, token: str = TOKEN) -> Target:
    return Target("x", "Plex", url, "plex", config={"token": token}, timeout=REQUEST_TIMEOUT)


async def test_plex_sessions_library_and_token(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_plex(loopback)
    outcome = await runtime.test_connection(plex(loopback.url))
    assert outcome.ok and outcome.summary == "Plex 1.41.2.9200", outcome.error
    items = (await fetch(runtime, plex(loopback.url), "now_playing")).data.items
    assert [(i.label, i.percent, i.detail) for i in items] == [
        ("ana: The Bear · Fishes", 25.0, "playing · transcode · Apple TV"),
        (
            "bo: Miles Davis · Blue in Green",
            pytest.approx(17.8, abs=0.1),
            "paused · direct · Plexamp",
        ),
    ]
    stats = (await fetch(runtime, plex(loopback.url), "library")).data.stats
    assert [(s.label, s.value) for s in stats] == [("Movies", 740), ("Shows", 55)]
    refused = await runtime.test_connection(plex(loopback.url, token="nope"))
    assert isinstance(refused.error, AuthError)


async def test_plex_not_xml_is_a_bad_response(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve_plex(loopback, sessions=b'{"MediaContainer": {"size": 0}}')
    with pytest.raises(BadResponseError, match="did not answer XML"):
        await fetch(runtime, plex(loopback.url), "streams")
