"""Homebridge (with homebridge-config-ui-x): status, versions, available updates, plugins."""

from integrations.homebridge.integration import INTEGRATION

__all__ = ["INTEGRATION"]
