"""HTTP status monitor: is a URL up, with the expected status (and keyword), and how fast."""

from integrations.http.integration import INTEGRATION

__all__ = ["INTEGRATION"]
