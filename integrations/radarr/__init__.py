"""Radarr, through its API key (shared *arr code in `integrations._arr`)."""

from integrations.radarr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
