"""powerdns (``INTEGRATION`` is what the registry loads)."""

from integrations.powerdns.integration import INTEGRATION

__all__ = ["INTEGRATION"]
