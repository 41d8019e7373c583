"""BIND 9: queries and answer codes from the statistics channel.

``statistics-channels { inet 127.0.0.1 port 8053 allow { 127.0.0.1; }; };`` serves JSON
(https://bind9.readthedocs.io/en/v9.18.0/reference.html#statistics): ``GET /json/v1/server`` →
``{"version", "opcodes": {"QUERY"}, "rcodes": {"NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED"},
"nsstats": {...}}``. Access is by address (``allow``); there is no authentication.
"""

from __future__ import annotations

from integrations.base import HttpConfig
from integrations.declarative import JsonIntegration, JsonStat, Probe, StatField


class Bind(JsonIntegration):
    id = "bind"
    name = "BIND 9"
    icon = "🔗"
    category = "Network"
    description = (
        "Queries and answers (NOERROR, NXDOMAIN, SERVFAIL, REFUSED) from the statistics channel."
    )
    docs_url = "https://bind9.readthedocs.io/en/v9.18.0/reference.html#statistics"
    config_model = HttpConfig
    probe = Probe("/json/v1/server", version="version")
    product = "BIND"
    declared = (
        JsonStat("queries", "Queries", "/json/v1/server", ttl=30, fields=(
            StatField("Queries", "opcodes.QUERY"),
            StatField("NOERROR", "rcodes.NOERROR"),
            StatField("NXDOMAIN", "rcodes.NXDOMAIN"),
            StatField("SERVFAIL", "rcodes.SERVFAIL", warning_above=0),
            StatField("REFUSED", "rcodes.REFUSED", optional=True),
        )),
    )  # fmt: skip


INTEGRATION = Bind()
