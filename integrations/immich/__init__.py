"""immich (``INTEGRATION`` is what the registry loads)."""

from integrations.immich.integration import INTEGRATION

__all__ = ["INTEGRATION"]
