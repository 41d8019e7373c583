"""icecast (``INTEGRATION`` is what the registry loads)."""

from integrations.icecast.integration import INTEGRATION

__all__ = ["INTEGRATION"]
