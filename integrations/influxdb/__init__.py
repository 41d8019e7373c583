"""influxdb (``INTEGRATION`` is what the registry loads)."""

from integrations.influxdb.integration import INTEGRATION

__all__ = ["INTEGRATION"]
