"""navidrome (``INTEGRATION`` is what the registry loads)."""

from integrations.navidrome.integration import INTEGRATION

__all__ = ["INTEGRATION"]
