"""Transmission (transmission-daemon RPC): speeds, torrents, progress; pause/resume all."""

from integrations.transmission.integration import INTEGRATION

__all__ = ["INTEGRATION"]
