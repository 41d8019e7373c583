"""Network UPS Tools: battery, load, runtime and power status from ``upsd`` (TCP 3493)."""

from integrations.nut.integration import INTEGRATION

__all__ = ["INTEGRATION"]
