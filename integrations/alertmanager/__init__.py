"""alertmanager (``INTEGRATION`` is what the registry loads)."""

from integrations.alertmanager.integration import INTEGRATION

__all__ = ["INTEGRATION"]
