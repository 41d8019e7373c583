"""Deluge 2 (web UI JSON-RPC): speeds, torrents, progress; pause/resume all."""

from integrations.deluge.integration import INTEGRATION

__all__ = ["INTEGRATION"]
