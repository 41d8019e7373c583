"""gotify (``INTEGRATION`` is what the registry loads)."""

from integrations.gotify.integration import INTEGRATION

__all__ = ["INTEGRATION"]
