"""unmanic (``INTEGRATION`` is what the registry loads)."""

from integrations.unmanic.integration import INTEGRATION

__all__ = ["INTEGRATION"]
