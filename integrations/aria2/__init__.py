"""aria2 (``INTEGRATION`` is what the registry loads)."""

from integrations.aria2.integration import INTEGRATION

__all__ = ["INTEGRATION"]
