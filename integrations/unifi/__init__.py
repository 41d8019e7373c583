"""unifi (``INTEGRATION`` is what the registry loads)."""

from integrations.unifi.integration import INTEGRATION

__all__ = ["INTEGRATION"]
