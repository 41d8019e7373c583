"""gluetun (``INTEGRATION`` is what the registry loads)."""

from integrations.gluetun.integration import INTEGRATION

__all__ = ["INTEGRATION"]
