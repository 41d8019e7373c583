"""Home Assistant: entity states, rendered templates, people home, lights and switches on."""

from integrations.homeassistant.integration import INTEGRATION

__all__ = ["INTEGRATION"]
