"""adguard (``INTEGRATION`` is what the registry loads)."""

from integrations.adguard.integration import INTEGRATION

__all__ = ["INTEGRATION"]
