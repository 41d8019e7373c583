"""Netdata integration: alarms and chart history (see integration.py)."""

from integrations.netdata.integration import INTEGRATION

__all__ = ["INTEGRATION"]
