"""pihole (``INTEGRATION`` is what the registry loads)."""

from integrations.pihole.integration import INTEGRATION

__all__ = ["INTEGRATION"]
