"""healthchecks (``INTEGRATION`` is what the registry loads)."""

from integrations.healthchecks.integration import INTEGRATION

__all__ = ["INTEGRATION"]
