"""Emby: the Jellyfin API's ancestor, under ``/emby`` with the ``X-Emby-Token`` header.

``GET /emby/Sessions``, ``/emby/Items/Counts``, ``/emby/System/Info`` (https://dev.emby.media/).
The API key comes from Settings → Advanced → API Keys; a wrong key is answered 401.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from integrations.base import HttpConfig
from integrations.jellyfin.integration import Jellyfin


class EmbyConfig(HttpConfig):
    api_key: SecretStr = Field(
        title="API key", description="Settings → Advanced → API Keys → New API key."
    )


class Emby(Jellyfin):
    id = "emby"
    name = "Emby"
    icon = "🟩"
    docs_url = "https://dev.emby.media/"
    config_model = EmbyConfig
    prefix = "/emby"


INTEGRATION = Emby()
