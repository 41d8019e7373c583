"""diskstation (``INTEGRATION`` is what the registry loads)."""

from integrations.diskstation.integration import INTEGRATION

__all__ = ["INTEGRATION"]
