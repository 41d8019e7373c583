"""calibreweb (``INTEGRATION`` is what the registry loads)."""

from integrations.calibreweb.integration import INTEGRATION

__all__ = ["INTEGRATION"]
