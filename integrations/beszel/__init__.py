"""beszel (``INTEGRATION`` is what the registry loads)."""

from integrations.beszel.integration import INTEGRATION

__all__ = ["INTEGRATION"]
