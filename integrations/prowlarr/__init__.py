"""Prowlarr, through its API key (shared *arr code in `integrations._arr`)."""

from integrations.prowlarr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
