"""Lidarr, through its API key (shared *arr code in `integrations._arr`)."""

from integrations.lidarr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
