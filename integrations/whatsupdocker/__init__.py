"""whatsupdocker (``INTEGRATION`` is what the registry loads)."""

from integrations.whatsupdocker.integration import INTEGRATION

__all__ = ["INTEGRATION"]
