"""rabbitmq (``INTEGRATION`` is what the registry loads)."""

from integrations.rabbitmq.integration import INTEGRATION

__all__ = ["INTEGRATION"]
