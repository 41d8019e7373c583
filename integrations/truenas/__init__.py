"""truenas (``INTEGRATION`` is what the registry loads)."""

from integrations.truenas.integration import INTEGRATION

__all__ = ["INTEGRATION"]
