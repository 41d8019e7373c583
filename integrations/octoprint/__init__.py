"""OctoPrint: printer state, tool/bed temperatures and the print job's progress."""

from integrations.octoprint.integration import INTEGRATION

__all__ = ["INTEGRATION"]
