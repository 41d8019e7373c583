"""Caddy integration: reverse-proxy upstream health (see integration.py)."""

from integrations.caddy.integration import INTEGRATION

__all__ = ["INTEGRATION"]
