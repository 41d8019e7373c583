"""scrutiny (``INTEGRATION`` is what the registry loads)."""

from integrations.scrutiny.integration import INTEGRATION

__all__ = ["INTEGRATION"]
