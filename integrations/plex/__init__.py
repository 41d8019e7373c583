"""plex (``INTEGRATION`` is what the registry loads)."""

from integrations.plex.integration import INTEGRATION

__all__ = ["INTEGRATION"]
