"""technitium (``INTEGRATION`` is what the registry loads)."""

from integrations.technitium.integration import INTEGRATION

__all__ = ["INTEGRATION"]
