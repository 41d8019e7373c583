"""Readarr, through its API key (shared *arr code in `integrations._arr`)."""

from integrations.readarr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
