"""changedetection.io: watches, changes detected, the watch list."""

from integrations.changedetectionio.integration import INTEGRATION

__all__ = ["INTEGRATION"]
