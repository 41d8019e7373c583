"""NZBGet (JSON-RPC): status, queue progress, speed history; pause/resume downloads."""

from integrations.nzbget.integration import INTEGRATION

__all__ = ["INTEGRATION"]
