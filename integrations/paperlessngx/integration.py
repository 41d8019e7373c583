"""Paperless-ngx: documents in total and waiting in the inbox.

REST API (https://docs.paperless-ngx.com/api/): ``GET /api/statistics/`` gives
``documents_total`` and ``documents_inbox``. The token goes in ``Authorization: Token <key>``
(profile menu → "My Profile" → API Auth Token); a wrong token is answered 401
``{"detail": "Invalid token."}``.
"""

from __future__ import annotations

from integrations.declarative import (
    HeaderKey,
    JsonIntegration,
    JsonStat,
    Probe,
    StatField,
    api_key_config,
)

STATISTICS = "/api/statistics/"


class PaperlessNgx(JsonIntegration):
    id = "paperlessngx"
    name = "Paperless-ngx"
    icon = "📄"
    category = "Apps"
    description = "Documents in total and in the inbox."
    docs_url = "https://docs.paperless-ngx.com/api/"
    config_model = api_key_config(
        "Profile menu → My Profile → API Auth Token (generate one).", title="API token"
    )
    auth = HeaderKey("Authorization", template="Token {}")
    probe = Probe(STATISTICS)
    declared = (
        JsonStat("documents", "Documents", STATISTICS, ttl=300, fields=(
            StatField("Documents", "documents_total"),
            StatField("Inbox", "documents_inbox", warning_above=0, optional=True),
        )),
    )  # fmt: skip


INTEGRATION = PaperlessNgx()
