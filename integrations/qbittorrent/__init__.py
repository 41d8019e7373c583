"""qBittorrent (Web API v2): speeds, torrents, progress; pause/resume all."""

from integrations.qbittorrent.integration import INTEGRATION

__all__ = ["INTEGRATION"]
