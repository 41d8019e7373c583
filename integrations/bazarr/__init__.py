"""bazarr (``INTEGRATION`` is what the registry loads)."""

from integrations.bazarr.integration import INTEGRATION

__all__ = ["INTEGRATION"]
