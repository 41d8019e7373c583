"""Docker engine: containers running/stopped, container list, exited-container alerts, CPU/memory."""

from integrations.docker.integration import INTEGRATION

__all__ = ["INTEGRATION"]
