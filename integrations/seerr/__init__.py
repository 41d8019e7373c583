"""Seerr / Overseerr / Jellyseerr: media requests (``INTEGRATION`` is what the registry loads)."""

from integrations.seerr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
