"""Syncthing integration: folders, completion, errors and devices (see integration.py)."""

from integrations.syncthing.integration import INTEGRATION

__all__ = ["INTEGRATION"]
