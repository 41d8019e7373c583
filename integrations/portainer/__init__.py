"""portainer (``INTEGRATION`` is what the registry loads)."""

from integrations.portainer.integration import INTEGRATION

__all__ = ["INTEGRATION"]
