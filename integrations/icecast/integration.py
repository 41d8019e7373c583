"""Icecast: listeners and the streams (mount points) on air.

``GET /status-json.xsl`` (Icecast 2.4+, https://icecast.org/docs/icecast-2.4.1/server-stats.html)
→ ``{"icestats": {"server_id", "source": {...} | [{...}, …]}}`` — one source is an object, several
a list, none means no ``source`` key. Each source: ``server_name``, ``listenurl``,
``listeners``, ``listener_peak``, ``genre``. Public; no authentication.
"""

from __future__ import annotations

import json
from typing import Any

from integrations.base import Context, Endpoint, HttpConfig, Integration
from integrations.declarative import number
from integrations.errors import BadResponseError
from integrations.models import ListData, ListRow, RendererKind, Stat, StatData

ID = "icecast"
STATUS = "/status-json.xsl"
_BROKEN = b'{"icestats":"'


def is_broken(body: bytes) -> bool:
    """Icecast 2.4.4 with no ``<admin>`` in its config and no source on air drops the ``{`` that
    opens ``icestats`` (``{"icestats":"server_start":…}``): seen from Debian's 2.4.4 here."""
    return body.startswith(_BROKEN)


def repair(body: bytes) -> bytes:
    return b'{"icestats":{"' + body[len(_BROKEN) :]


class Icecast(Integration):
    id = ID
    name = "Icecast"
    icon = "📻"
    category = "Media"
    description = "Listeners now and at peak, and the streams on air."
    docs_url = "https://icecast.org/docs/icecast-2.4.1/server-stats.html"
    config_model = HttpConfig
    endpoints = (
        Endpoint("listeners", "Listeners", RendererKind.STAT, ttl=15, refresh=15,
                 description="Listeners now, peak, and streams on air."),
        Endpoint("streams", "Streams", RendererKind.LIST, ttl=30, refresh=30,
                 description="Each mount point with its listeners."),
    )  # fmt: skip

    async def stats(self, ctx: Context) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        response = await ctx.http.request("GET", STATUS)
        try:
            answer = json.loads(response.content)
        except ValueError:
            answer = (
                json.loads(repair(response.content))
                if is_broken(response.content)
                else response.json(STATUS)
            )
        icestats = answer.get("icestats") if isinstance(answer, dict) else None
        if not isinstance(icestats, dict):
            raise BadResponseError(f"{ID}: {STATUS}: no 'icestats'", integration=ID)
        source = icestats.get("source")
        sources = (
            source if isinstance(source, list) else [source] if isinstance(source, dict) else []
        )
        return icestats, [s for s in sources if isinstance(s, dict)]

    async def test_connection(self, ctx: Context) -> str:
        icestats, sources = await self.stats(ctx)
        return f"{icestats.get('server_id', 'Icecast')} ({len(sources)} streams on air)"

    async def fetch_listeners(self, ctx: Context, options: None) -> StatData:
        _, sources = await self.stats(ctx)
        return StatData(stats=[
            Stat(label="Listeners", value=sum(number(s.get("listeners")) or 0 for s in sources)),
            Stat(label="Peak", value=max((number(s.get("listener_peak")) or 0 for s in sources), default=0)),
            Stat(label="Streams", value=len(sources)),
        ])  # fmt: skip

    async def fetch_streams(self, ctx: Context, options: None) -> ListData:
        _, sources = await self.stats(ctx)
        rows = [ListRow(title=str(s.get("server_name") or s.get("listenurl") or "stream"),
                        detail=" · ".join(str(p) for p in (s.get("genre"), s.get("server_type")) if p),
                        status=f"{int(number(s.get('listeners')) or 0)} listening",
                        url=str(s["listenurl"]) if str(s.get("listenurl", "")).startswith(("http://", "https://")) else None)
                for s in sources]  # fmt: skip
        return ListData(rows=rows, total=len(rows), empty_text="Nothing on air")


INTEGRATION = Icecast()
