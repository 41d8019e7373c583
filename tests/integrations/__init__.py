"""Per-integration tests (offline against loopback, live against real services)."""
