"""Sonarr, through its API key (shared *arr code in `integrations._arr`)."""

from integrations.sonarr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
