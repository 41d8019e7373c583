"""monit (``INTEGRATION`` is what the registry loads)."""

from integrations.monit.integration import INTEGRATION

__all__ = ["INTEGRATION"]
