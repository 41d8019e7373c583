"""Prometheus integration: target health and PromQL queries (see integration.py)."""

from integrations.prometheus.integration import INTEGRATION

__all__ = ["INTEGRATION"]
