"""jellyfin (``INTEGRATION`` is what the registry loads)."""

from integrations.jellyfin.integration import INTEGRATION

__all__ = ["INTEGRATION"]
