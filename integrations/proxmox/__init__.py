"""proxmox (``INTEGRATION`` is what the registry loads)."""

from integrations.proxmox.integration import INTEGRATION

__all__ = ["INTEGRATION"]
