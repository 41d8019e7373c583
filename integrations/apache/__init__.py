"""apache (``INTEGRATION`` is what the registry loads)."""

from integrations.apache.integration import INTEGRATION

__all__ = ["INTEGRATION"]
