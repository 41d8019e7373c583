"""gitea (``INTEGRATION`` is what the registry loads)."""

from integrations.gitea.integration import INTEGRATION

__all__ = ["INTEGRATION"]
