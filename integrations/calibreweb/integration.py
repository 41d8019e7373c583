"""Calibre-Web: how many books, authors, categories and series the library holds.

Calibre-Web's OPDS catalog (``cps/opds.py``, checked against 0.6.27 running live) answers
``GET /opds/stats`` with ``{"books", "authors", "categories", "series"}`` (categories are
Calibre's tags) — the four numbers Homepage's ``calibreweb`` widget shows. The catalog takes
HTTP Basic with a Calibre-Web user: a wrong password is answered 401, and after three wrong
ones in a minute the user is refused with 429 for a minute, even with the right password.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from integrations.base import Context, HttpConfig
from integrations.declarative import Basic, JsonIntegration, JsonStat, StatField

ID = "calibreweb"
STATS = "/opds/stats"


class CalibreWebConfig(HttpConfig):
    """A Calibre-Web user; the OPDS catalog it reads takes the web login over HTTP Basic."""

    username: str = Field(
        title="User name",
        description="A Calibre-Web login (Admin → Users lists them; a fresh install has 'admin').",
    )
    password: SecretStr = Field(
        title="Password",
        description="That user's web login password (Admin → Users → the user, or Profile).",
    )


LIBRARY = JsonStat(
    "library",
    "Library",
    STATS,
    fields=(
        StatField("Books", "books"),
        StatField("Authors", "authors"),
        StatField("Categories", "categories"),
        StatField("Series", "series"),
    ),
    ttl=300,
)


class CalibreWeb(JsonIntegration):
    id = ID
    name = "Calibre-Web"
    icon = "📖"
    category = "Media"
    description = "E-book library: books, authors, categories and series."
    docs_url = "https://github.com/janeczku/calibre-web/wiki"
    config_model = CalibreWebConfig
    auth = Basic()
    declared = (LIBRARY,)

    async def test_connection(self, ctx: Context) -> str:
        # the whole stats answer, not just a 200: a login page or another app fails here
        books = self.stat_result(LIBRARY, await self.get(ctx, STATS)).data.stats[0].value
        return f"Calibre-Web: {books} books"


INTEGRATION = CalibreWeb()
