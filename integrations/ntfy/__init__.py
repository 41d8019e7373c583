"""ntfy (``INTEGRATION`` is what the registry loads)."""

from integrations.ntfy.integration import INTEGRATION

__all__ = ["INTEGRATION"]
