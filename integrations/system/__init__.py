"""The local machine (CPU, memory, load, disks, processes, uptime) read through psutil."""

from integrations.system.integration import INTEGRATION

__all__ = ["INTEGRATION"]
