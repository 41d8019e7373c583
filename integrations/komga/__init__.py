"""komga (``INTEGRATION`` is what the registry loads)."""

from integrations.komga.integration import INTEGRATION

__all__ = ["INTEGRATION"]
