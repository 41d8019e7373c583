"""Custom API: any JSON API, its fields mapped onto any of the six renderers by widget options."""

from integrations.customapi.integration import INTEGRATION

__all__ = ["INTEGRATION"]
