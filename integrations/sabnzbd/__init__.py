"""sabnzbd (``INTEGRATION`` is what the registry loads)."""

from integrations.sabnzbd.integration import INTEGRATION

__all__ = ["INTEGRATION"]
