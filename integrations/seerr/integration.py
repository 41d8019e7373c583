"""Seerr (and its forks Overseerr and Jellyseerr): media requests waiting for a decision.

API v1 (https://api-docs.overseerr.dev/): ``GET /api/v1/request/count`` gives the request
counts by state, ``GET /api/v1/issue/count`` the reported issues, ``GET /api/v1/status`` the
version. The key is sent in the ``X-Api-Key`` header (Settings → General → API Key); a wrong
key is answered 403 ``{"message": "You do not have permission to access this endpoint"}``.
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


class Seerr(JsonIntegration):
    id = "seerr"
    name = "Seerr"
    aliases = ("overseerr", "jellyseerr")
    icon = "🎟"
    category = "Media"
    description = "Media requests: pending, approved, processing and available; open issues."
    docs_url = "https://api-docs.overseerr.dev/"
    config_model = api_key_config("Settings → General → API Key.")
    auth = HeaderKey("X-Api-Key")
    probe = Probe("/api/v1/status", version="version")
    declared = (
        JsonStat("requests", "Requests", "/api/v1/request/count", ttl=60, fields=(
            StatField("Pending", "pending", warning_above=0),
            StatField("Approved", "approved"),
            StatField("Processing", "processing"),
            StatField("Available", "available"),
        )),
        JsonStat("issues", "Issues", "/api/v1/issue/count", ttl=120, fields=(
            StatField("Open issues", "open", warning_above=0),
            StatField("Total issues", "total"),
        )),
    )  # fmt: skip


INTEGRATION = Seerr()
