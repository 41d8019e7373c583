"""audiobookshelf (``INTEGRATION`` is what the registry loads)."""

from integrations.audiobookshelf.integration import INTEGRATION

__all__ = ["INTEGRATION"]
