"""bind (``INTEGRATION`` is what the registry loads)."""

from integrations.bind.integration import INTEGRATION

__all__ = ["INTEGRATION"]
