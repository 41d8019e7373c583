"""nodered (``INTEGRATION`` is what the registry loads)."""

from integrations.nodered.integration import INTEGRATION

__all__ = ["INTEGRATION"]
