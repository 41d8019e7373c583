"""launcher-tui: a terminal dashboard and app launcher for self-hosted services."""

__version__ = "0.1.0"
