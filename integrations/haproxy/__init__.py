"""haproxy (``INTEGRATION`` is what the registry loads)."""

from integrations.haproxy.integration import INTEGRATION

__all__ = ["INTEGRATION"]
