"""emby (``INTEGRATION`` is what the registry loads)."""

from integrations.emby.integration import INTEGRATION

__all__ = ["INTEGRATION"]
