"""nginx (``INTEGRATION`` is what the registry loads)."""

from integrations.nginx.integration import INTEGRATION

__all__ = ["INTEGRATION"]
