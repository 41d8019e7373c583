"""Nginx Proxy Manager: proxy hosts enabled/disabled, certificates and their expiry."""

from integrations.npm.integration import INTEGRATION

__all__ = ["INTEGRATION"]
