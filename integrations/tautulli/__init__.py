"""tautulli (``INTEGRATION`` is what the registry loads)."""

from integrations.tautulli.integration import INTEGRATION

__all__ = ["INTEGRATION"]
