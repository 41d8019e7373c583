"""paperlessngx (``INTEGRATION`` is what the registry loads)."""

from integrations.paperlessngx.integration import INTEGRATION

__all__ = ["INTEGRATION"]
