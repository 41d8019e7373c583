"""speedtest (``INTEGRATION`` is what the registry loads)."""

from integrations.speedtest.integration import INTEGRATION

__all__ = ["INTEGRATION"]
