"""Uptime Kuma: monitors up/down, the monitor list with uptime, alerts for down monitors."""

from integrations.uptimekuma.integration import INTEGRATION

__all__ = ["INTEGRATION"]
