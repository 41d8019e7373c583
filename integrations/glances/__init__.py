"""Glances integration (API v3 and v4): host metrics (see integration.py)."""

from integrations.glances.integration import INTEGRATION

__all__ = ["INTEGRATION"]
