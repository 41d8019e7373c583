"""nextcloud (``INTEGRATION`` is what the registry loads)."""

from integrations.nextcloud.integration import INTEGRATION

__all__ = ["INTEGRATION"]
