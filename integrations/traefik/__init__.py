"""traefik (``INTEGRATION`` is what the registry loads)."""

from integrations.traefik.integration import INTEGRATION

__all__ = ["INTEGRATION"]
